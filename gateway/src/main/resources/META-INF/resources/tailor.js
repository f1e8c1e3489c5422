/*
 * tailor.js: Tailor's storefront snippet. No dependencies, ~3 KB minified.
 *
 *   Tailor.init({ endpoint: "https://tailor.example.com", key: "pk_..." });
 *   Tailor.track("product_view", { productId: "85123A", price: 2.55, currency: "GBP" });
 *   Tailor.identify("customer-42", { accountType: "retail" });
 *   const decision = await Tailor.decide({ placements: [{ placement: "home_for_you", limit: 8 }], slots: ["home_hero"] });
 *   // on a page with prices, add offers: { products: [{ productId, price, quantity }] } to get decision.offers
 *
 * Events are batched (flushed every 2 s and at 20 events) and retried with backoff on network errors, 429 (after
 * its Retry-After) and 5xx answers; other 4xx answers are not retried (the event is invalid). When the page is
 * hidden or closed, what is queued goes with navigator.sendBeacon to /v1/events/beacon, which survives the page.
 * Each event gets a UUID, so a retried batch is never counted twice.
 */
(function (global) {
  "use strict";
  var AID_KEY = "tailor_aid", CID_KEY = "tailor_cid", SESSION_KEY = "tailor_session", SESSION_TTL_MS = 30 * 60 * 1000;
  var config = { endpoint: "", key: "", flushMs: 2000, maxBatch: 20 };
  var queue = [], timer = null, retryDelay = 1000;

  function uuid() {
    if (global.crypto && global.crypto.randomUUID) { return global.crypto.randomUUID(); }
    return "xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx".replace(/[xy]/g, function (c) {
      var r = Math.random() * 16 | 0; return (c === "x" ? r : (r & 0x3 | 0x8)).toString(16);
    });
  }
  function store() { try { return global.localStorage; } catch (e) { return null; } }
  function anonymousId() {
    var s = store(), id = s && s.getItem(AID_KEY);
    if (!id) { id = "a-" + uuid(); if (s) { s.setItem(AID_KEY, id); } }
    return id;
  }
  function customerId() { var s = store(); return (s && s.getItem(CID_KEY)) || undefined; }
  function sessionId() {
    var s = store(), now = Date.now(), raw = s && s.getItem(SESSION_KEY), session = raw ? JSON.parse(raw) : null;
    if (!session || now - session.last > SESSION_TTL_MS) { session = { id: "s-" + uuid(), last: now }; }
    session.last = now;
    if (s) { s.setItem(SESSION_KEY, JSON.stringify(session)); }
    return session.id;
  }
  function utm() {
    var p = new URLSearchParams(global.location.search), u = {};
    ["source", "medium", "campaign", "content", "term"].forEach(function (k) {
      if (p.get("utm_" + k)) { u[k] = p.get("utm_" + k); }
    });
    return Object.keys(u).length ? u : undefined;
  }
  function device() {
    var w = global.innerWidth || 1024;
    return w < 640 ? "mobile" : (w < 1024 ? "tablet" : "desktop");
  }
  function pageContext(pageType) {
    return {
      page: { url: global.location.href.slice(0, 2048), type: pageType || "other",
              referrer: document.referrer ? document.referrer.slice(0, 2048) : undefined },
      utm: utm(), device: device(), locale: navigator.language,
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone
    };
  }
  function post(path, body, keepalive) {
    return fetch(config.endpoint + path, {
      method: "POST", keepalive: !!keepalive,
      headers: { "Content-Type": "application/json", "X-Tailor-Key": config.key },
      body: JSON.stringify(body)
    });
  }
  function schedule() {
    if (!timer) { timer = setTimeout(flush, config.flushMs); }
  }
  function flush() {
    clearTimeout(timer); timer = null;
    if (!queue.length) { return Promise.resolve(); }
    var batch = queue.splice(0, 500), wait = 0;
    return post("/v1/events", { events: batch }).then(function (response) {
      if (response.status === 429) { wait = 1000 * (parseInt(response.headers.get("Retry-After"), 10) || 1); }
      if (response.status === 429 || response.status >= 500) { throw new Error("server " + response.status); }
      retryDelay = 1000;
      if (queue.length) { schedule(); }
    }).catch(function () {
      queue = batch.concat(queue);
      retryDelay = Math.min(Math.max(retryDelay * 2, wait), 60000);
      clearTimeout(timer);
      timer = setTimeout(flush, retryDelay);
    });
  }
  /** The page is going away: hand what is queued to the browser, which sends it even after the page closed. */
  function flushOnLeave() {
    if (!queue.length) { return; }
    var batch = queue.splice(0, 500);
    var url = config.endpoint + "/v1/events/beacon?key=" + encodeURIComponent(config.key);
    // text/plain needs no CORS preflight, which a beacon cannot do
    var sent = navigator.sendBeacon &&
        navigator.sendBeacon(url, new Blob([JSON.stringify({ events: batch })], { type: "text/plain" }));
    if (!sent) { post("/v1/events", { events: batch }, true).catch(function () { /* the page is gone */ }); }
  }

  var Tailor = {
    init: function (options) {
      Object.keys(options || {}).forEach(function (k) { config[k] = options[k]; });
      global.addEventListener("pagehide", flushOnLeave);
      document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") { flushOnLeave(); } });
      return Tailor;
    },
    anonymousId: anonymousId,
    customerId: customerId,
    /** Queues an event; properties by type are listed in docs/events.md. */
    track: function (type, properties, pageType) {
      queue.push({
        eventId: uuid(), type: type, occurredAt: new Date().toISOString(),
        anonymousId: anonymousId(), customerId: customerId(), sessionId: sessionId(),
        context: pageContext(pageType), properties: properties || {}
      });
      if (queue.length >= config.maxBatch) { flush(); } else { schedule(); }
    },
    /** Links this browser to a customer account (login) and records traits. */
    identify: function (id, traits) {
      var s = store(); if (s) { s.setItem(CID_KEY, id); }
      Tailor.track("identify", { traits: traits || {} });
    },
    /** Forgets the customer on this browser (logout); the anonymous id stays. */
    reset: function () { var s = store(); if (s) { s.removeItem(CID_KEY); } },
    consent: function (purposes, source) {
      Tailor.track("consent_updated", { consent: purposes, consentSource: source || "banner" });
    },
    flush: flush,
    /** Asks what to show: { placements, slots, context } -> the decision. */
    decide: function (request) {
      var ctx = pageContext(request.pageType);
      var body = {
        anonymousId: anonymousId(), customerId: customerId(),
        context: Object.assign({ pageType: request.pageType, url: ctx.page.url, referrer: ctx.page.referrer,
                                 utm: ctx.utm, device: ctx.device, locale: ctx.locale }, request.context || {}),
        placements: request.placements || [], slots: request.slots || []
      };
      if (request.offers) { body.offers = request.offers; }
      return post("/v1/decide", body).then(function (r) {
        if (!r.ok) { throw new Error("decide answered " + r.status); }
        return r.json();
      });
    }
  };
  global.Tailor = Tailor;
})(window);
