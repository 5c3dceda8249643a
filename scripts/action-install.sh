#!/usr/bin/env bash
# The install logic of the GitHub Action (action.yml), in a file so that
# scripts/test-action-install can run it against a local fake release.
#
#   action-install.sh resolve   # writes version=, target=, dir=, key= to $GITHUB_OUTPUT
#   action-install.sh install   # puts ropa into $ROPA_DIR/bin and that folder on $GITHUB_PATH
#
# Everything comes in through environment variables (never interpolated
# into script text):
#   ROPA_VERSION      the `version` input: `0.1.0` or `v0.1.0`; empty means the
#                     action's own version (its Cargo.toml, at the ref the
#                     workflow uses the action at)
#   ROPA_INSTALL      `auto` (release archive; cargo install only when no
#                     archive fits the runner), `release` (archive or fail),
#                     `cargo` (always build from the action's source)
#   ROPA_RELEASE_URL  base URL of the release downloads; `{version}` is
#                     replaced by the version. Empty: derived from
#                     GITHUB_SERVER_URL and the action's repository.
#   ROPA_DIR          where to install (resolve prints it; default under RUNNER_TEMP)
#   GITHUB_ACTION_PATH, GITHUB_ACTION_REPOSITORY, GITHUB_REPOSITORY,
#   GITHUB_SERVER_URL, RUNNER_OS, RUNNER_ARCH, RUNNER_TEMP, GITHUB_OUTPUT, GITHUB_PATH
set -euo pipefail

fail() {
    # On stderr (so that it is never captured by `$(...)`), as a workflow
    # command: GitHub shows it as an annotation; elsewhere it reads plainly.
    echo "::error title=ropa install::$*" >&2
    exit 1
}

ACTION_PATH=${GITHUB_ACTION_PATH:-$(cd "$(dirname "$0")/.." && pwd)}

# The action's own version: the workspace version in its Cargo.toml.
own_version() {
    sed -n 's/^version = "\(.*\)"$/\1/p' "$ACTION_PATH/Cargo.toml" | head -1
}

resolve_version() {
    local v=${ROPA_VERSION:-}
    v=${v#v}
    [ -n "$v" ] || v=$(own_version)
    [ -n "$v" ] || fail "no version given and none found in $ACTION_PATH/Cargo.toml"
    # A version goes into a file name and a URL: digits, dots, letters, dashes only.
    [[ "$v" =~ ^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$ ]] || fail "\`$v\` is not a version such as 0.1.0"
    printf '%s' "$v"
}

# The release target for this runner, or empty when no archive fits.
runner_target() {
    case "${RUNNER_OS:-}/${RUNNER_ARCH:-}" in
        Linux/X64) echo x86_64-unknown-linux-musl ;;
        Linux/ARM64) echo aarch64-unknown-linux-musl ;;
        macOS/X64) echo x86_64-apple-darwin ;;
        macOS/ARM64) echo aarch64-apple-darwin ;;
        Windows/X64) echo x86_64-pc-windows-msvc ;;
        *) echo "" ;;
    esac
}

install_mode() {
    local m=${ROPA_INSTALL:-auto}
    case "$m" in auto | release | cargo) printf '%s' "$m" ;; *) fail "install must be auto, release or cargo, not \`$m\`" ;; esac
}

# The action's repository as owner/name: the context value when the runner
# sets it, else from where the runner unpacked the action
# (…/_actions/OWNER/NAME/REF), else the workflow's own repository (`uses: ./`).
action_repository() {
    if [ -n "${GITHUB_ACTION_REPOSITORY:-}" ]; then echo "$GITHUB_ACTION_REPOSITORY"; return; fi
    local action_path=${ACTION_PATH//\\//}  # Windows runners: D:\a\_actions\…
    case "$action_path" in
        */_actions/*/*/*)
            local rest=${action_path#*/_actions/}
            echo "${rest%%/*}/$(echo "$rest" | cut -d/ -f2)"
            return ;;
    esac
    echo "${GITHUB_REPOSITORY:-}"
}

release_url() {
    local version=$1 base=${ROPA_RELEASE_URL:-}
    if [ -z "$base" ]; then
        local repo
        repo=$(action_repository)
        [ -n "$repo" ] && [ -n "${GITHUB_SERVER_URL:-}" ] \
            || fail "cannot tell where the action's releases are: set the release-url input"
        base="$GITHUB_SERVER_URL/$repo/releases/download/v{version}"
    fi
    printf '%s' "${base//\{version\}/$version}"
}

# A key that changes whenever what would be installed changes.
cache_key() {
    local version=$1 target=$2 mode=$3
    if [ "$mode" = cargo ] || [ -z "$target" ]; then
        # Built from the action's source: the same version string can hold
        # different code (a branch), so the key hashes the source.
        local hash
        hash=$(cd "$ACTION_PATH" && find Cargo.toml Cargo.lock crates -type f -not -path '*/tests/*' | LC_ALL=C sort \
            | while read -r f; do printf '%s  %s\n' "$(sha256_stdin <"$f")" "$f"; done | sha256_stdin)
        echo "ropa-${RUNNER_OS:-os}-${RUNNER_ARCH:-arch}-$version-cargo-${hash:0:16}"
    else
        echo "ropa-$target-$version"
    fi
}

sha256_stdin() {
    if command -v sha256sum >/dev/null 2>&1; then sha256sum | cut -d' ' -f1; else shasum -a 256 | cut -d' ' -f1; fi
}

exe_name() { case "${RUNNER_OS:-}" in Windows) echo ropa.exe ;; *) echo ropa ;; esac; }

cmd_resolve() {
    local version target mode dir
    version=$(resolve_version)
    target=$(runner_target)
    mode=$(install_mode)
    if [ "$mode" != cargo ] && [ -z "$target" ] && [ "$mode" = release ]; then
        fail "no release archive for ${RUNNER_OS:-this OS} on ${RUNNER_ARCH:-this architecture}; use install: auto or cargo"
    fi
    dir=${ROPA_DIR:-${RUNNER_TEMP:-/tmp}/ropa-action}
    # `auto` builds when the version has no archive (an unreleased branch):
    # such a build must get the source-hash key, or a later commit with the
    # same version string would restore it.
    local key_mode=$mode
    if [ "$mode" = auto ] && [ -n "$target" ]; then
        local probe rc=0
        probe=$(mktemp)
        download "$(release_url "$version")/$(archive_name "$version" "$target").sha256" "$probe" || rc=$?
        rm -f "$probe"
        if [ "$rc" = 4 ]; then key_mode=cargo; fi
    fi
    {
        echo "version=$version"
        echo "target=$target"
        echo "dir=$dir"
        echo "key=$(cache_key "$version" "$target" "$key_mode")"
    } | tee -a "${GITHUB_OUTPUT:-/dev/null}"
}

archive_name() {
    case "$2" in *windows*) echo "ropa-$1-$2.zip" ;; *) echo "ropa-$1-$2.tar.gz" ;; esac
}

# Downloads URL to FILE. Returns 0, or 4 when the server says there is no
# such file (so `auto` may build instead), and fails on anything else.
download() {
    local url=$1 file=$2 code
    code=$(curl --silent --show-error --location --retry 3 --retry-delay 2 --connect-timeout 20 \
        --output "$file" --write-out '%{http_code}' -- "$url") || {
        local rc=$?
        # file:// URLs (tests, mirrors on disk): exit 37 is "no such file".
        if [ "$rc" = 37 ]; then return 4; fi
        fail "downloading $url failed (curl exit $rc)"
    }
    case "$code" in
        2??|000) return 0 ;;
        404) return 4 ;;
        *) fail "downloading $url failed: HTTP $code" ;;
    esac
}

install_release() {
    local version=$1 target=$2 dir=$3 base archive_name url tmp expected actual listed
    base=$(release_url "$version")
    archive_name=$(archive_name "$version" "$target")
    url="$base/$archive_name"
    tmp=$(mktemp -d)
    echo "downloading $url"
    local rc=0
    download "$url.sha256" "$tmp/$archive_name.sha256" || rc=$?
    [ "$rc" = 0 ] && { download "$url" "$tmp/$archive_name" || rc=$?; }
    if [ "$rc" = 4 ]; then
        rm -rf "$tmp"
        return 4
    fi
    read -r expected listed <"$tmp/$archive_name.sha256" || true
    [ "${listed#\*}" = "$archive_name" ] || fail "$archive_name.sha256 names \`$listed\`, not $archive_name"
    [[ "$expected" =~ ^[0-9a-f]{64}$ ]] || fail "$archive_name.sha256 holds no SHA-256"
    actual=$(sha256_stdin <"$tmp/$archive_name")
    if [ "$actual" != "$expected" ]; then
        rm -rf "$tmp"
        fail "checksum mismatch for $archive_name: expected $expected (from $archive_name.sha256), got $actual. The download is corrupt or was tampered with; refusing to install it."
    fi
    echo "sha256 ok: $actual"
    mkdir -p "$tmp/x"
    case "$archive_name" in
        *.zip)
            if command -v unzip >/dev/null 2>&1; then unzip -q "$tmp/$archive_name" -d "$tmp/x"
            else python -m zipfile -e "$tmp/$archive_name" "$tmp/x"; fi ;;
        *) tar -xzf "$tmp/$archive_name" -C "$tmp/x" ;;
    esac || fail "$archive_name could not be unpacked"
    local exe
    exe=$(exe_name)
    [ -f "$tmp/x/ropa-$version-$target/$exe" ] || fail "$archive_name has no ropa-$version-$target/$exe"
    mkdir -p "$dir/bin" && mv -f "$tmp/x/ropa-$version-$target/$exe" "$dir/bin/$exe" && chmod +x "$dir/bin/$exe" \
        || fail "could not install ropa into $dir/bin"
    rm -rf "$tmp"
}

install_cargo() {
    local version=$1 dir=$2 own
    own=$(own_version)
    [ "$version" = "$own" ] \
        || fail "no release archive of ropa $version fits this runner, and the action can only build its own version ($own) from source: use the action at v$version, or install: release on a supported runner"
    command -v cargo >/dev/null 2>&1 \
        || fail "building ropa from source needs cargo: add a Rust toolchain step (for example dtolnay/rust-toolchain@stable) before this action"
    echo "building ropa $version from source with cargo (a few minutes; cached afterwards)"
    cargo install --locked --path "$ACTION_PATH/crates/ropa-cli" --root "$dir"
}

cmd_install() {
    local version target mode dir exe
    version=$(resolve_version)
    target=$(runner_target)
    mode=$(install_mode)
    dir=${ROPA_DIR:-${RUNNER_TEMP:-/tmp}/ropa-action}
    exe=$(exe_name)
    if [ -x "$dir/bin/$exe" ] && [ "$("$dir/bin/$exe" --version 2>/dev/null)" = "ropa $version" ]; then
        echo "ropa $version restored from the cache"
    elif [ "$mode" = cargo ]; then
        install_cargo "$version" "$dir"
    elif [ -z "$target" ]; then
        [ "$mode" = auto ] || fail "no release archive for ${RUNNER_OS:-this OS} on ${RUNNER_ARCH:-this architecture}"
        echo "no release archive for ${RUNNER_OS:-this OS} on ${RUNNER_ARCH:-this architecture}"
        install_cargo "$version" "$dir"
    else
        local rc=0
        install_release "$version" "$target" "$dir" || rc=$?
        if [ "$rc" = 4 ]; then
            [ "$mode" = auto ] || fail "ropa $version has no release archive for $target at $(release_url "$version")"
            echo "ropa $version has no release archive for $target at $(release_url "$version")"
            install_cargo "$version" "$dir"
        elif [ "$rc" != 0 ]; then
            exit "$rc"
        fi
    fi
    local got
    got=$("$dir/bin/$exe" --version) || fail "the installed $dir/bin/$exe does not run"
    [ "$got" = "ropa $version" ] || fail "installed \`$got\`, expected ropa $version"
    echo "$got in $dir/bin"
    echo "$dir/bin" >>"${GITHUB_PATH:-/dev/null}"
}

case "${1:-}" in
    resolve) cmd_resolve ;;
    install) cmd_install ;;
    *) echo "usage: action-install.sh resolve|install" >&2; exit 2 ;;
esac
