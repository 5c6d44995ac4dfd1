// Open-loop load on the exposure self-check: the request mix of real use,
// each kind of task in its own constant-arrival-rate scenario, so requests
// keep arriving at the set rate however slow the answers get (a slow server
// shows as latency and as dropped_iterations, not as a politely lower rate).
//
//   k6 run -e BASE=http://127.0.0.1:8080 -e RATE=300 -e DURATION=60s .deploy/k6/mix.js
//
// RATE counts HTTP requests per second over all kinds; a questionnaire
// journey is one iteration of five requests, so journeys start at a fifth
// of their share. Every failure that is not explained (below) counts in the
// `unexpected` metric, whose threshold is 0: k6 exits non-zero otherwise.
//
// With SIGTERM_AT_MS (the epoch milliseconds at which a driver means to
// signal the server, see .deploy/sigterm.sh), every request that ends from
// 3 s before that moment on is written as one JSON line to the console
// ({"rec": name, "t0", "t1", "ok", "status", "code", "fresh"}: begun and
// ended in epoch ms, the wanted answer or not, k6's error code, a new
// connection or a kept-alive one) and left for the driver to judge against
// the moment the server actually began to shut down (k6 cannot know it).
// Failures before that window are unexpected as usual.
//
// ACCEPT_ENCODING (default: a browser's "gzip, deflate, br, zstd"; empty
// for none) is sent with every request.
//
// API_LIMITED=true: the server's API rate limit is on, so 429 is a fine
// answer there (counted in `rate_limited`). The drivers lift the limit.
import http from "k6/http";
import exec from "k6/execution";
import { Counter } from "k6/metrics";

const BASE = (__ENV.BASE || "http://127.0.0.1:8080").replace(/\/$/, "");
const RATE = Number(__ENV.RATE || 300);
const DURATION = __ENV.DURATION || "30s";
const SEED = Number(__ENV.SEED || 1);
const SIGTERM_AT = Number(__ENV.SIGTERM_AT_MS || 0);
const API_LIMITED = __ENV.API_LIMITED === "true";
const VUS = Number(__ENV.VUS || 8); // pre-allocated per scenario; up to 4× that
// What a current browser sends (k6 sends none of its own, and decodes).
const ACCEPT_ENCODING = __ENV.ACCEPT_ENCODING ?? "gzip, deflate, br, zstd";

if (!/^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(BASE)) {
  throw new Error(`BASE ${BASE}: load tests target loopback only`);
}
if (!(RATE > 0 && RATE <= 100000)) throw new Error("RATE must be in (0, 100000]");

// Share of HTTP requests per kind (sums to 1) and requests per iteration.
const MIX = {
  start: [0.1, 1],
  search: [0.1, 1],
  journey: [0.15, 5],
  result: [0.35, 1],
  api_check: [0.15, 1],
  api_services: [0.03, 1],
  incidents: [0.05, 1],
  assets: [0.07, 1], // stylesheet, script, /favicon.ico
};

const scenarios = {};
for (const [name, [share, requests]] of Object.entries(MIX)) {
  scenarios[name] = {
    executor: "constant-arrival-rate",
    exec: name,
    rate: Math.max(1, Math.round((share * RATE * 60) / requests)),
    timeUnit: "1m",
    duration: DURATION,
    preAllocatedVUs: VUS,
    maxVUs: VUS * 4,
    gracefulStop: "15s",
  };
}

export const options = {
  scenarios,
  thresholds: {
    unexpected: ["count==0"],
  },
  summaryTrendStats: ["avg", "med", "p(90)", "p(99)", "max"],
  noCookiesReset: false,
  userAgent: "exposurecheck-k6/1",
  discardResponseBodies: false,
};

const unexpected = new Counter("unexpected");
const rateLimited = new Counter("rate_limited");
const journeysDone = new Counter("journeys_done");
const journeysIncomplete = new Counter("journeys_incomplete");

// problem is a wrong page that is not a wrong status (no CSRF field, a
// missing question): unexpected too.
function problem(msg) {
  unexpected.add(1);
  if (reported++ < 20) console.error(JSON.stringify({ unexpected: "journey", problem: msg }));
}

const OK200 = http.expectedStatuses(200);
const OK303 = http.expectedStatuses(303);
const OKAPI = API_LIMITED ? http.expectedStatuses(200, 429) : OK200;
const RECORD_FROM = SIGTERM_AT ? SIGTERM_AT - 3000 : 0;
let reported = 0;

// req sends one request and accounts for it; it returns the response when
// it was the one wanted, else null.
function req(name, method, path, body, params, want) {
  const p = Object.assign(
    {
      tags: { name },
      redirects: 0,
      timeout: "10s",
      headers: {},
      responseCallback: want === 303 ? OK303 : name.startsWith("api_") ? OKAPI : OK200,
    },
    params || {},
  );
  p.headers = Object.assign({ "Accept-Language": "ja" }, ACCEPT_ENCODING ? { "Accept-Encoding": ACCEPT_ENCODING } : {}, p.headers);
  const t0 = Date.now();
  const res = method === "GET" ? http.get(BASE + path, p) : http.post(BASE + path, body, p);
  const t1 = Date.now();
  let ok = res.status === want;
  if (res.status === 429 && API_LIMITED && name.startsWith("api_")) {
    rateLimited.add(1);
    ok = true;
  }
  if (RECORD_FROM && t1 >= RECORD_FROM) {
    const fresh = res.timings.connecting > 0;
    console.log(JSON.stringify({ rec: name, t0, t1, ok, status: res.status, code: res.error_code, fresh }));
    return ok ? res : null;
  }
  if (ok) return res;
  unexpected.add(1);
  if (reported++ < 20) {
    console.error(
      JSON.stringify({
        unexpected: name,
        status: res.status,
        want,
        error_code: res.error_code,
        error: res.error,
        new_connection: res.timings.connecting > 0,
        took_ms: t1 - t0,
      }),
    );
  }
  return null;
}

// --- the site's data, read once before the run --------------------------

export function setup() {
  const services = http.get(`${BASE}/api/v1/services`);
  if (services.status !== 200) throw new Error(`GET /api/v1/services: ${services.status} ${services.error}`);
  // keys are every service.activity, for results and the API; asked are
  // those step 2 asks about: a service the notice states was not affected
  // gets no date questions, so a journey does not expect any for it.
  const cat = { services: [], keys: [], asked: [], incidents: [] };
  for (const s of services.json().services) {
    cat.services.push({ id: s.id, terms: [s.name, s.kana, ...(s.aliases || [])].filter(Boolean) });
    for (const a of s.activities || []) {
      cat.keys.push(`${s.id}.${a.id}`);
      if (!s.unaffected) cat.asked.push(`${s.id}.${a.id}`);
    }
    if (s.incident && !cat.incidents.includes(s.incident)) cat.incidents.push(s.incident);
  }
  if (cat.asked.length === 0) throw new Error("no affected service has any activity");
  const start = http.get(`${BASE}/`);
  const doc = start.html();
  cat.assets = [doc.find('link[rel="stylesheet"]').attr("href"), doc.find("script[src]").attr("src"), "/favicon.ico"].filter(
    (u) => u && u.startsWith("/"),
  );
  return cat;
}

// --- reproducible randomness: one stream per iteration, from SEED ----------

function rngFor(name) {
  let h = SEED ^ 0x9e3779b9;
  for (const c of name) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193);
  let a = (h ^ exec.scenario.iterationInTest) >>> 0;
  return () => {
    // mulberry32
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const intN = (r, n) => Math.floor(r() * n);
const pick = (r, xs) => xs[intN(r, xs.length)];
function perm(r, n) {
  const p = [...Array(n).keys()];
  for (let i = n - 1; i > 0; i--) {
    const j = intN(r, i + 1);
    [p[i], p[j]] = [p[j], p[i]];
  }
  return p;
}

// Instants in 2005–2025, written in Asia/Tokyo (no DST) at a unit of the
// use grammar: YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDTHH:MM.
const EARLIEST = Date.UTC(2005, 0, 1) - 9 * 3600e3;
const LATEST = Date.UTC(2026, 0, 1) - 9 * 3600e3;
const instant = (r) => EARLIEST + Math.floor(r() * (LATEST - EARLIEST));
const pad = (n) => String(n).padStart(2, "0");
function point(t, unit) {
  const d = new Date(t + 9 * 3600e3); // read with getUTC* = Tokyo wall clock
  const y = String(d.getUTCFullYear());
  const m = `${y}-${pad(d.getUTCMonth() + 1)}`;
  const day = `${m}-${pad(d.getUTCDate())}`;
  return [y, m, day, `${day}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`][unit];
}
function unit(r) {
  const x = intN(r, 100);
  return x < 15 ? 0 : x < 45 ? 1 : x < 90 ? 2 : 3;
}
function when(r) {
  const x = intN(r, 100);
  if (x < 55) return point(instant(r), unit(r));
  if (x < 85) {
    let a = instant(r);
    let b = instant(r);
    if (b < a) [a, b] = [b, a];
    return `${point(a, unit(r))}..${point(b, unit(r))}`;
  }
  if (x < 92) return `${point(instant(r), unit(r))}..`;
  return `..${point(instant(r), unit(r))}`;
}
function use(r, key) {
  const x = intN(r, 100);
  if (x < 8) return key;
  if (x < 18) return `${key}@unknown`;
  const ws = [];
  for (let i = 1 + intN(r, 3); i > 0; i--) ws.push(when(r));
  return `${key}@${ws.join(",")}`;
}
// A check of 1–10 distinct service.activity keys.
function usesQuery(r, cat) {
  const n = Math.min(1 + intN(r, 10), cat.keys.length);
  return perm(r, cat.keys.length)
    .slice(0, n)
    .map((i) => `use=${encodeURIComponent(use(r, cat.keys[i]))}`)
    .join("&");
}
const MISSES = ["存在しないショップ", "ヤフオク", "zzz", "めるかり", "楽天ブックス", "カード"];
function query(r, cat) {
  const x = intN(r, 100);
  if (x < 8) return pick(r, MISSES);
  const s = pick(r, cat.services);
  if (x < 13 || s.terms.length === 0) return s.id;
  let t = pick(r, s.terms);
  const rs = [...t];
  if (intN(r, 100) < 15 && rs.length > 2) t = rs.slice(0, 2 + intN(r, rs.length - 2)).join("");
  return t;
}

const form = (pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&");
const FORM = { headers: { "Content-Type": "application/x-www-form-urlencoded" } };

// --- the tasks -------------------------------------------------------------

export function start() {
  req("start", "GET", "/", null, null, 200);
}

export function search(cat) {
  req("search", "GET", `/check?q=${encodeURIComponent(query(rngFor("search"), cat))}`, null, null, 200);
}

export function result(cat) {
  req("result", "GET", `/result?${usesQuery(rngFor("result"), cat)}`, null, null, 200);
}

export function api_check(cat) {
  req("api_check", "GET", `/api/v1/check?${usesQuery(rngFor("api_check"), cat)}`, null, null, 200);
}

export function api_services() {
  req("api_services", "GET", "/api/v1/services", null, null, 200);
}

export function incidents(cat) {
  const r = rngFor("incidents");
  if (intN(r, 3) === 0 || cat.incidents.length === 0) req("incidents", "GET", "/incidents", null, null, 200);
  else req("incident", "GET", `/incidents/${encodeURIComponent(pick(r, cat.incidents))}`, null, null, 200);
}

export function assets(cat) {
  const r = rngFor("assets");
  const path = pick(r, cat.assets);
  req(path === "/favicon.ico" ? "favicon" : "asset", "GET", path, null, null, 200);
}

// journey is the questionnaire as a browser without JavaScript does it,
// with its own cookies: pick services, answer dates, read the result. It
// stops at the first failed step.
export function journey(cat) {
  const r = rngFor("journey");
  const jar = new http.CookieJar();
  const keys = perm(r, cat.asked.length)
    .slice(0, 1 + intN(r, 3))
    .map((i) => cat.asked[i]);
  const services = [...new Set(keys.map((k) => k.split(".")[0]))];
  const p = { jar };
  const done = (ok) => (ok ? journeysDone : journeysIncomplete).add(1);

  let res = req("journey.check", "GET", "/check", null, p, 200);
  if (!res) return done(false);
  const csrf = res.html().find('input[name="csrf"]').first().attr("value");
  if (!csrf) {
    problem("no csrf input on /check");
    return done(false);
  }
  res = req("journey.check_post", "POST", "/check",
    form([...services.map((s) => ["service", s]), ["action", "next"], ["csrf", csrf]]), Object.assign({}, p, FORM), 303);
  if (!res) return done(false);
  if (!String(res.headers.Location || "").startsWith("/check/when")) {
    problem(`POST /check went to ${res.headers.Location}`);
    return done(false);
  }

  res = req("journey.when", "GET", "/check/when", null, p, 200);
  if (!res) return done(false);
  const offered = res.html().find('input[name="act"]').map((_, s) => s.attr("value"));
  const missing = keys.filter((k) => !offered.includes(k));
  if (missing.length) {
    problem(`step 2 does not offer ${missing} (services ${services})`);
    return done(false);
  }
  const pairs = [["csrf", csrf]];
  for (const k of keys) {
    pairs.push(["act", k]);
    const x = intN(r, 100);
    const day = (t) => point(t, 2);
    if (x < 70) pairs.push([`mode.${k}`, "day"], [`day.${k}`, day(instant(r))]);
    else if (x < 80) pairs.push([`mode.${k}`, "month"], [`month.${k}`, point(instant(r), 1)]);
    else if (x < 90) {
      let a = instant(r);
      let b = instant(r);
      if (b < a) [a, b] = [b, a];
      pairs.push([`mode.${k}`, "range"], [`from.${k}`, day(a)], [`to.${k}`, day(b)]);
    } else pairs.push([`mode.${k}`, "unknown"]);
  }
  res = req("journey.when_post", "POST", "/check/when", form(pairs), Object.assign({}, p, FORM), 303);
  if (!res) return done(false);
  const loc = String(res.headers.Location || "");
  if (!loc.startsWith("/result?")) {
    problem(`POST /check/when went to ${loc}`);
    return done(false);
  }
  done(!!req("journey.result", "GET", loc, null, p, 200));
}
