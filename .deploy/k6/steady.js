// One URL at a steady open-loop rate, for latency at a given load (the
// issue's "p99 at half the maximum rate"): requests keep arriving at RATE
// per second however slow the answers get, so queueing shows as latency.
//
//   k6 run -e URL='http://127.0.0.1:8080/result?use=...' -e RATE=2000 -e DURATION=20s .deploy/k6/steady.js
//
// Prints p50, p90, p99 and max of http_req_duration, and fails (exit code
// non-zero) on any answer other than 200 or any dropped iteration.
import http from "k6/http";
import { check } from "k6";

const URL = __ENV.URL || "";
const RATE = Number(__ENV.RATE || 1000);
const DURATION = __ENV.DURATION || "20s";
const VUS = Number(__ENV.VUS || 32);
const ACCEPT_ENCODING = __ENV.ACCEPT_ENCODING ?? "";

if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(URL)) {
  throw new Error(`URL ${URL}: load tests target loopback only`);
}
if (!(RATE > 0 && RATE <= 100000)) throw new Error("RATE must be in (0, 100000]");

export const options = {
  discardResponseBodies: true,
  summaryTrendStats: ["p(50)", "p(90)", "p(99)", "max"],
  scenarios: {
    steady: {
      executor: "constant-arrival-rate",
      rate: RATE,
      timeUnit: "1s",
      duration: DURATION,
      preAllocatedVUs: VUS,
      maxVUs: VUS * 4,
    },
  },
  thresholds: {
    checks: ["rate==1"],
    dropped_iterations: ["count==0"],
  },
};

const params = { headers: ACCEPT_ENCODING ? { "Accept-Encoding": ACCEPT_ENCODING } : {} };

export default function () {
  const res = http.get(URL, params);
  check(res, { "status 200": (r) => r.status === 200 });
}
