#!/usr/bin/env python3
"""Fides manifests equivalent to a ropa-gen workspace, for scripts/bench-peer.

    bench_peer_fides_manifests.py ROPA_WORKSPACE_DIR OUT_DIR [--per-system 3]

Reads the activities that `ropa-gen` wrote (the same synthetic company that
`ropa check` is timed on) and writes the same record as Fides manifests:

- every ropa `activity` becomes one Fides privacy declaration (the mapping
  `ropa import fides` uses in the other direction), and every 3 consecutive
  activities make one Fides `system`, so N systems hold exactly the 3N
  activities ropa checks;
- `data` -> `data_categories`, `subjects` -> `data_subjects`, `purpose` ->
  `data_use`, `basis` -> `legal_basis_for_processing`, `condition` ->
  `special_category_legal_basis`, a retention period -> `retention_period`
  (days), `recipients` -> `third_parties`, `transfer` -> the system's
  `does_international_transfers` / `legal_basis_for_transfers`;
- ropa ids with no key in the Fides default taxonomy (trade-union data,
  pupils) become custom `data_category` / `data_subject` entries;
- a `policy` with rules over data categories, uses and subjects that encode
  what a Fides user would write for the same concerns ropa checks (special
  categories, criminal records, children, patients, tracking).

What has no Fides counterpart (processors and their DPAs, sub-processors,
storage countries, DPIA statements, the organization's Art. 30 details) is
not written: `fides evaluate` would not look at it. Deterministic: the output
depends only on the input workspace. Needs PyYAML (a dependency of
ethyca-fides, so the benchmark venv has it).
"""

import argparse
import os
import re
import sys

import yaml

DATA = {
    "contact": "user.contact",
    "identity": "user.government_id",
    "account": "user.account",
    "orders": "user.behavior.purchase_history",
    "payments": "user.financial",
    "bookkeeping": "user.financial",
    "support": "user.content.private",
    "usage": "user.device.ip_address",
    "cookies": "user.device.cookie_id",
    "location": "user.location",
    "salary": "user.financial.bank_account",
    "performance": "user.workplace",
    "sick-leave": "user.health_and_medical",
    "union": "user.trade_union_membership",  # custom, below
    "biometrics": "user.biometric",
    "records": "user.criminal_history",
    "cv": "user.job_title",
    "marketing": "user.privacy_preferences",
    "video": "user.sensor",
    "chat": "user.content.private",
}

SUBJECTS = {
    "customers": "customer",
    "prospects": "prospect",
    "staff": "employee",
    "applicants": "job_applicant",
    "suppliers": "supplier_vendor",
    "visitors": "visitor",
    "pupils": "pupil",  # custom, below
    "patients": "patient",
}

PURPOSES = {
    "Deliver what the customer ordered": "essential.service",
    "Invoice customers and keep the accounts": "finance",
    "Answer support requests": "essential.service.operations.support",
    "Send the newsletter": "marketing.communications.email",
    "Measure use of the website": "analytics.reporting",
    "Pay salaries and administer sick leave": "employment",
    "Recruit new staff": "employment.recruitment",
    "Prevent fraud": "essential.fraud_detection",
    "Keep the premises secure": "essential.service.security",
    "Run the learning app": "functional.service",
}

BASES = {
    "consent": "Consent",
    "contract": "Contract",
    "legal-obligation": "Legal obligations",
    "legitimate-interests": "Legitimate interests",
}

TAXONOMY = {
    "data_category": [
        {
            "fides_key": "user.trade_union_membership",
            "name": "Trade union membership",
            "description": "Trade union membership (GDPR Art. 9(1)).",
            "parent_key": "user",
        }
    ],
    "data_subject": [
        {
            "fides_key": "pupil",
            "name": "Pupil",
            "description": "A child using the learning app.",
        }
    ],
}

ALL_SUBJECTS = sorted(set(SUBJECTS.values()))
SPECIAL = [
    "user.health_and_medical",
    "user.biometric",
    "user.trade_union_membership",
]

POLICY = {
    "policy": [
        {
            "fides_key": "gdpr_record",
            "name": "GDPR record of processing",
            "description": "Rules over data categories, uses and subjects for the synthetic company.",
            "rules": [
                {
                    "name": "No special categories for marketing, analytics or personalisation",
                    "data_categories": {"matches": "ANY", "values": SPECIAL},
                    "data_uses": {"matches": "ANY", "values": ["marketing", "analytics", "personalize"]},
                    "data_subjects": {"matches": "ANY", "values": ALL_SUBJECTS},
                },
                {
                    "name": "Criminal records only for employment",
                    "data_categories": {"matches": "ANY", "values": ["user.criminal_history"]},
                    "data_uses": {"matches": "OTHER", "values": ["employment"]},
                    "data_subjects": {"matches": "ANY", "values": ALL_SUBJECTS},
                },
                {
                    "name": "No children's data for marketing or analytics",
                    "data_categories": {"matches": "ANY", "values": ["user"]},
                    "data_uses": {"matches": "ANY", "values": ["marketing", "analytics", "personalize"]},
                    "data_subjects": {"matches": "ANY", "values": ["pupil"]},
                },
                {
                    "name": "Patients' data only to provide the service or keep the accounts",
                    "data_categories": {"matches": "ANY", "values": ["user"]},
                    "data_uses": {"matches": "OTHER", "values": ["essential", "functional", "finance"]},
                    "data_subjects": {"matches": "ANY", "values": ["patient"]},
                },
                {
                    "name": "No identity numbers or biometrics for analytics",
                    "data_categories": {"matches": "ANY", "values": ["user.government_id", "user.biometric"]},
                    "data_uses": {"matches": "ANY", "values": ["analytics", "marketing"]},
                    "data_subjects": {"matches": "ANY", "values": ALL_SUBJECTS},
                },
                {
                    "name": "No device or location tracking for marketing",
                    "data_categories": {"matches": "ANY", "values": ["user.device", "user.location"]},
                    "data_uses": {"matches": "ANY", "values": ["marketing"]},
                    "data_subjects": {"matches": "ANY", "values": ALL_SUBJECTS},
                },
            ],
        }
    ]
}


def activities(path):
    """Yield each activity of a ropa-gen file as a dict of its lines."""
    current = None
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if line.startswith("activity "):
                current = {"id": line.split()[1], "lines": []}
            elif line == "}" and current is not None:
                yield current
                current = None
            elif current is not None and line:
                current["lines"].append(line)


def retention_days(line):
    m = re.match(r'retain "(\d+) (months|years)"', line)
    if not m:
        return None  # "as long as necessary", until=…: no period in days
    n = int(m.group(1))
    return str(n * 30 if m.group(2) == "months" else n * 365)


def declaration(activity):
    d = {"name": activity["id"], "data_use": "collect", "data_categories": [], "data_subjects": []}
    transfer = None
    for line in activity["lines"]:
        word, _, rest = line.partition(" ")
        if word == "name":
            d["name"] = rest.strip('"')
        elif word == "purpose":
            d["data_use"] = PURPOSES[re.sub(r" \(\d+\)$", "", rest.strip('"'))]
        elif word == "subjects":
            d["data_subjects"] = [SUBJECTS[s] for s in rest.split()]
        elif word == "data":
            keys = []
            for s in rest.split():
                if DATA[s] not in keys:
                    keys.append(DATA[s])
            d["data_categories"] = keys
        elif word == "basis":
            basis = rest.split()[0]
            d.setdefault("legal_basis_for_processing", BASES[basis])
            m = re.search(r'assessment="([^"]*)"', rest)
            if m:
                d["impact_assessment_location"] = m.group(1)
        elif word == "condition":
            d["processes_special_category_data"] = True
            d["special_category_legal_basis"] = "Employment, social security and social protection"
        elif word == "retain":
            days = retention_days(line)
            if days:
                d["retention_period"] = days
        elif word == "recipients":
            d["data_shared_with_third_parties"] = True
            d["third_parties"] = "Skatteverket"
        elif word == "transfer":
            transfer = "SCCs" if "mechanism=scc" in rest else None
            transfer = transfer or "none stated"
    return d, transfer


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("workspace")
    ap.add_argument("out")
    ap.add_argument("--per-system", type=int, default=3)
    args = ap.parse_args()

    files = sorted(f for f in os.listdir(args.workspace) if re.match(r"activities-\d+\.ropa\.kdl$", f))
    if not files:
        sys.exit(f"no activities-*.ropa.kdl in {args.workspace}: not a ropa-gen workspace")
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "taxonomy.yml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(TAXONOMY, f, sort_keys=False)
    with open(os.path.join(args.out, "policy.yml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(POLICY, f, sort_keys=False)

    n_systems = n_declarations = 0
    pending = []  # (declaration, transfer) of the system being filled

    def flush(systems):
        nonlocal n_systems, pending
        if not pending:
            return
        transfers = sorted({t for _, t in pending if t})
        system = {
            "fides_key": f"system_{n_systems}",
            "name": f"System {n_systems}",
            "description": f"Synthetic system {n_systems}",
            "system_type": "Service",
            "responsibility": ["Controller"],
            "privacy_declarations": [d for d, _ in pending],
        }
        if transfers:
            system["does_international_transfers"] = True
            system["legal_basis_for_transfers"] = transfers
        systems.append(system)
        n_systems += 1
        pending = []

    # One manifest file per ropa activities file; a system whose activities
    # straddle two files goes in the file where its last one is.
    for i, name in enumerate(files):
        systems = []
        for activity in activities(os.path.join(args.workspace, name)):
            pending.append(declaration(activity))
            n_declarations += 1
            if len(pending) == args.per_system:
                flush(systems)
        if i == len(files) - 1:
            flush(systems)
        out = os.path.join(args.out, name.replace(".ropa.kdl", ".yml").replace("activities-", "systems-"))
        with open(out, "w", encoding="utf-8") as f:
            yaml.safe_dump({"system": systems}, f, sort_keys=False)

    print(f"wrote {n_systems} systems with {n_declarations} privacy declarations to {args.out}")


if __name__ == "__main__":
    main()
