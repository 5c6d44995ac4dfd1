// One URL at a steady open-loop rate, for latency at a given load (the
// issue's "p99 at half the maximum rate"): requests keep arriving at RATE
// per second however slow the answers get, so queueing shows as latency.
//
//   k6 run -e URL='http://127.0.0.1:8080/result?use=...' -e RATE=2000 -e DURATION=20s .deploy/k6/steady.js
//
// A warm-up at the same rate (WARMUP, default 3s) comes first and is not
// counted: k6 starts its virtual users and the server grows its heap to
// its working size then. Prints p50, p90, p99 and max of the steady part
// (http_req_duration{scenario:steady}), and fails (exit code non-zero) on
// any answer other than 200, any dropped iteration in the steady part, or
// a p99 of P99_MS (default 5) or more.
import http from "k6/http";
import { check } from "k6";

const URL = __ENV.URL || "";
const RATE = Number(__ENV.RATE || 1000);
const DURATION = __ENV.DURATION || "20s";
const WARMUP = __ENV.WARMUP || "3s";
// Enough virtual users that a stall of k6 itself never leaves an arrival
// without one (at 32, a few dozen per run were dropped at 3,600 req/s).
const VUS = Number(__ENV.VUS || 100);
const P99_MS = Number(__ENV.P99_MS || 5);
const ACCEPT_ENCODING = __ENV.ACCEPT_ENCODING ?? "";

if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(URL)) {
  throw new Error(`URL ${URL}: load tests target loopback only`);
}
if (!(RATE > 0 && RATE <= 100000)) throw new Error("RATE must be in (0, 100000]");

const atRate = (extra) => ({
  executor: "constant-arrival-rate",
  rate: RATE,
  timeUnit: "1s",
  preAllocatedVUs: VUS,
  maxVUs: VUS * 2,
  ...extra,
});

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ["p(50)", "p(90)", "p(99)", "max"],
  scenarios: {
    warm: atRate({ duration: WARMUP }),
    steady: atRate({ duration: DURATION, startTime: WARMUP }),
  },
  thresholds: {
    checks: ["rate==1"],
    "http_req_duration{scenario:steady}": [`p(99)<${P99_MS}`],
    "dropped_iterations{scenario:steady}": ["count==0"],
  },
};

const params = { headers: ACCEPT_ENCODING ? { "Accept-Encoding": ACCEPT_ENCODING } : {} };

export default function () {
  const res = http.get(URL, params);
  check(res, { "status 200": (r) => r.status === 200 });
}
