/* The demo store's home page: one decide call per view, events on every click, and the reasons shown beside. */
(function () {
  "use strict";
  var palette = ["#2f6f8f", "#8f4f2f", "#4f8f2f", "#6f2f8f", "#8f2f4f", "#2f8f6f"];

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function swatch(product) {
    var s = el("div", { class: "swatch", "aria-hidden": "true" }, product.title.slice(0, 2));
    var h = 0; for (var i = 0; i < product.productId.length; i++) { h = (h * 31 + product.productId.charCodeAt(i)) | 0; }
    s.style.background = palette[Math.abs(h) % palette.length];
    return s;
  }
  function card(product, placement) {
    var li = el("li", { class: "card" });
    li.appendChild(swatch(product));
    li.appendChild(el("span", { class: "title" }, product.title));
    li.appendChild(el("span", {}, "£" + Number(product.price).toFixed(2)));
    li.appendChild(el("span", { class: "reason" }, product.reason));
    var view = el("button", { type: "button" }, "View");
    view.addEventListener("click", function () {
      Tailor.track("product_view", { productId: product.productId, price: product.price, currency: "GBP" }, "product");
      Tailor.flush().then(function () { setTimeout(render, 400); });
    });
    var add = el("button", { type: "button" }, "Add to cart");
    add.addEventListener("click", function () {
      Tailor.track("add_to_cart", { productId: product.productId, price: product.price, currency: "GBP", quantity: 1 }, "product");
      Tailor.flush().then(function () { setTimeout(render, 400); });
    });
    li.appendChild(view); li.appendChild(add);
    return li;
  }
  function fill(id, placement) {
    var list = document.getElementById(id);
    list.replaceChildren();
    (placement ? placement.items : []).forEach(function (p) { list.appendChild(card(p, placement.placement)); });
  }
  function why(decision) {
    var dl = document.getElementById("why");
    dl.replaceChildren();
    function row(term, value) { dl.appendChild(el("dt", {}, term)); dl.appendChild(el("dd", {}, value)); }
    row("Shopper", (decision.shopper.known ? "known" : "anonymous") + ", " + decision.shopper.lifecycle
        + (decision.shopper.personalized ? "" : " (not personalized)"));
    row("Segments", decision.segments.map(function (s) { return s.name; }).join(", ") || "none yet");
    decision.slots.forEach(function (s) { row("Slot " + s.slot, s.variantKey + " because " + s.matchedRule); });
    decision.experiments.forEach(function (x) { row("Experiment " + x.experimentKey, x.variationKey); });
    row("Decision", decision.decisionId + " in " + decision.tookMs + " ms");
    if (decision.degraded.length) {
      row("Fallbacks", decision.degraded.map(function (d) { return d.service + ": " + d.reason; }).join("; "));
    }
  }
  function render() {
    Tailor.decide({ pageType: "home", slots: ["home_hero", "cart_message"],
                    placements: [{ placement: "home_for_you", limit: 8 }, { placement: "popular", limit: 8 }] })
      .then(function (d) {
        var hero = d.slots.filter(function (s) { return s.slot === "home_hero"; })[0];
        var big = d.experiments.some(function (x) { return x.experimentKey === "home-hero-layout" && x.variationKey === "big-hero"; });
        var h = document.getElementById("hero");
        h.className = "hero" + (big ? " big-hero" : "");
        h.replaceChildren();
        if (hero) { h.appendChild(el("h1", {}, hero.title || "")); h.appendChild(el("p", {}, hero.body || "")); }
        var cart = d.slots.filter(function (s) { return s.slot === "cart_message"; })[0];
        document.getElementById("cart-message").textContent = cart ? cart.title : "";
        fill("for-you", d.placements[0]);
        fill("popular", d.placements[1]);
        why(d);
        document.getElementById("who").textContent = "Visitor " + Tailor.anonymousId();
      })
      .catch(function (e) { document.getElementById("why").textContent = "Decide failed: " + e.message; });
  }
  document.getElementById("new-visitor").addEventListener("click", function () {
    localStorage.clear(); location.reload();
  });
  fetch("/demo/config").then(function (r) { return r.json(); }).then(function (cfg) {
    Tailor.init({ endpoint: "", key: cfg.publicKey });
    Tailor.track("page_view", {}, "home");
    Tailor.flush().then(function () { setTimeout(render, 300); });
  });
})();
