const Stripe = require("stripe");
const Sentry = require("@sentry/node");
