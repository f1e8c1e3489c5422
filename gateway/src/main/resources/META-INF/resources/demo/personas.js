/*
 * The demo store's personas: each one is a fresh browser identity plus a short history, sent as ordinary events to
 * /v1/events with the store's public key, exactly as a store would have sent them over the past weeks. The
 * history's timestamps lie in the past (at most 30 days, the gateway's limit), which tailor.js cannot do: it stamps
 * every event with the current time. Nothing here is special to the demo on the server side.
 */
(function (global) {
  "use strict";
  var DAY = 24 * 3600 * 1000, MINUTE = 60 * 1000;

  function uuid() { return global.crypto.randomUUID(); }
  function shortId() { return uuid().slice(0, 8); }
  function ago(ms) { return new Date(Date.now() - ms).toISOString(); }

  /** One past visit: its events share a session id and the visit's campaign. */
  function visit(who, utm) {
    var session = "s-" + uuid();
    return function (type, when, properties, pageType) {
      var e = {
        eventId: uuid(), type: type, occurredAt: ago(when), anonymousId: who.anonymousId, sessionId: session,
        context: { page: { type: pageType || "other", url: global.location.origin + "/" }, device: "desktop",
                   locale: "en-GB", timeZone: "Europe/London" },
        properties: properties || {}
      };
      if (who.customerId) { e.customerId = who.customerId; }
      if (utm) { e.context.utm = utm; }
      return e;
    };
  }
  function line(product, quantity) {
    return { productId: product.productId, quantity: quantity, price: Number(product.price) };
  }
  function order(at, who, when, products, quantity) {
    var lines = products.map(function (p) { return line(p, quantity); });
    var total = lines.reduce(function (sum, l) { return sum + l.price * l.quantity; }, 0);
    return [
      at("checkout_started", when + 2 * MINUTE, { lines: lines }, "checkout"),
      at("order_completed", when, { orderId: "demo-" + shortId(), lines: lines,
                                    total: Math.round(total * 100) / 100, currency: "GBP" }, "checkout")
    ];
  }
  function views(at, when, products) {
    return products.map(function (p, i) {
      return at("product_view", when - i * MINUTE, { productId: p.productId, price: Number(p.price), currency: "GBP" },
                "product");
    });
  }

  /**
   * Each persona: a label, a description of what the store should show, whether it is a logged-in customer, the
   * campaign of the landing page (put in the URL, so tailor.js reads it on every event and decision), and its
   * history built from the products the store currently shows.
   */
  var PERSONAS = {
    "paid-social": {
      label: "First-time visitor from a paid-social ad",
      expect: "Welcome offer in the hero (segment first-time-visitor); the visit is tagged paid social.",
      landing: { utm_source: "facebook", utm_medium: "paid_social", utm_campaign: "winter-gifts" },
      history: function () { return []; }
    },
    "repeat-buyer": {
      label: "Repeat buyer",
      expect: "Welcome back in the hero (segment repeat-customer), picks from what they bought.",
      customer: "demo-repeat",
      traits: { accountType: "retail", priceTier: "standard" },
      history: function (who, products) {
        var first = visit(who), second = visit(who);
        return [].concat(views(first, 20 * DAY + 10 * MINUTE, products.slice(0, 3)),
                         order(first, who, 20 * DAY, products.slice(0, 2), 1),
                         views(second, 6 * DAY + 10 * MINUTE, products.slice(2, 5)),
                         order(second, who, 6 * DAY, products.slice(2, 4), 2));
      }
    },
    "cart-abandoner": {
      label: "Cart abandoner",
      expect: "\"Your basket is saved\" above the cart (segment cart-abandoner: cart idle for 30 minutes).",
      history: function (who, products) {
        var at = visit(who), p = products[0], q = products[1];
        return [].concat(views(at, 52 * MINUTE, [p, q]), [
          at("add_to_cart", 50 * MINUTE, { productId: p.productId, price: Number(p.price), currency: "GBP", quantity: 1 },
             "product"),
          at("add_to_cart", 49 * MINUTE, { productId: q.productId, price: Number(q.price), currency: "GBP", quantity: 2 },
             "product")]);
      },
      cart: function (products) {
        return [{ productId: products[0].productId, title: products[0].title, price: Number(products[0].price), quantity: 1 },
                { productId: products[1].productId, title: products[1].title, price: Number(products[1].price), quantity: 2 }];
      }
    },
    "wholesale": {
      label: "Wholesale account",
      expect: "Reorder list (strategy wholesale_reorder); trade price tiers when a wholesale offer targets the account.",
      customer: "demo-trade",
      traits: { accountType: "wholesale", priceTier: "trade" },
      history: function (who, products) {
        var first = visit(who), second = visit(who);
        return [].concat(order(first, who, 24 * DAY, products.slice(0, 3), 48),
                         order(second, who, 9 * DAY, products.slice(0, 2), 96));
      }
    },
    "household": {
      label: "Household buyer, reorder due",
      expect: "\"You usually reorder every 14 days\" in Buy again (strategy replenishment).",
      customer: "demo-household",
      traits: { accountType: "retail" },
      history: function (who, products) {
        var first = visit(who), second = visit(who);
        return [].concat(order(first, who, 28 * DAY, [products[5]], 2), order(second, who, 14 * DAY, [products[5]], 2));
      }
    },
    "email-campaign": {
      label: "Shopper from an e-mail campaign",
      expect: "The landing carries the newsletter campaign; content and segments that target it apply.",
      landing: { utm_source: "newsletter", utm_medium: "email", utm_campaign: "december-picks" },
      history: function () { return []; }
    },
    "no-consent": {
      label: "Shopper without consent",
      expect: "Not personalized (no_consent): no segments, popular products, default content.",
      history: function (who, products) {
        var at = visit(who);
        return [at("consent_updated", 3 * MINUTE,
                   { consent: { personalization: false, analytics: true, marketing_email: false },
                     consentSource: "banner" }, "home")].concat(views(at, 2 * MINUTE, products.slice(0, 2)));
      }
    }
  };

  function post(key, events) {
    return fetch("/v1/events", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Tailor-Key": key },
      body: JSON.stringify({ events: events })
    }).then(function (r) {
      if (r.status !== 202) {
        return r.text().then(function (t) { throw new Error("events answered " + r.status + ": " + t); });
      }
    });
  }

  /**
   * Becomes the persona: forgets this browser's identity, sends the persona's history and returns the landing URL
   * to open (with its campaign, if any).
   */
  function become(name, key, products) {
    var persona = PERSONAS[name];
    ["tailor_aid", "tailor_cid", "tailor_session", "demo_cart"].forEach(function (k) { global.localStorage.removeItem(k); });
    var who = { anonymousId: global.Tailor.anonymousId() };
    if (persona.customer) { who.customerId = persona.customer + "-" + shortId(); }
    var events = persona.history(who, products);
    if (who.customerId) {
      events.unshift(visit(who)("identify", 29 * DAY, { traits: persona.traits }, "account"));
      global.localStorage.setItem("tailor_cid", who.customerId);
    }
    if (persona.cart) { global.localStorage.setItem("demo_cart", JSON.stringify(persona.cart(products))); }
    global.localStorage.setItem("demo_persona", name);
    var sent = events.length ? post(key, events) : Promise.resolve();
    return sent.then(function () {
      var query = new URLSearchParams(persona.landing || {}).toString();
      return "/" + (query ? "?" + query : "") + "#/";
    });
  }

  global.TailorPersonas = { all: PERSONAS, become: become };
})(window);
