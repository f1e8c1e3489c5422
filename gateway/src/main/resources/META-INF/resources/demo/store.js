/*
 * The demo store: a single page with hash routes (#/, #/category/<path>, #/product/<id>, #/search?q=, #/cart,
 * #/checkout). Every page asks /v1/decide through tailor.js, sends its events, and shows beside it why each block
 * and product was chosen. The store has no catalogue API of its own: the products it shows are the ones decide
 * placed on its pages, remembered in sessionStorage so a product page can show what its card showed.
 */
(function () {
  "use strict";
  var CATEGORIES = [
    ["Home", "Candles & Lights"], ["Home", "Decor"], ["Home", "Storage"], ["Home", "Warmers"], ["Kitchen & Dining"],
    ["Bath & Beauty"], ["Bags & Accessories"], ["Kids & Toys"], ["Stationery & Party"], ["Garden"],
    ["Seasonal", "Christmas"], ["Gifts"]
  ];
  var PLACEMENT_TITLES = {
    home_for_you: "Picked for you", reorder: "Buy again", new_arrivals: "New for you", popular: "Popular right now",
    product_page_related: "You may also like", cart_complementary: "Goes well with your basket"
  };
  var palette = ["#2f6f8f", "#8f4f2f", "#3f7f2f", "#6f2f8f", "#8f2f4f", "#2f7f6f"];
  var state = { key: null, renders: 0 };

  // ---- small DOM helpers ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null) { e.setAttribute(k, attrs[k]); }
    });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  function money(v) { return "£" + Number(v).toFixed(2); }
  function pathOf(category) { return category.join(" › "); }
  function categoryHref(category) { return "#/category/" + category.map(encodeURIComponent).join("/"); }

  // ---- what the store remembers in this browser ----
  function known() { return JSON.parse(sessionStorage.getItem("demo_products") || "{}"); }
  function remember(items, categoryPath) {
    var all = known();
    items.forEach(function (p) {
      var before = all[p.productId] || {};
      all[p.productId] = { productId: p.productId, title: p.title, price: p.price,
                           categoryPath: categoryPath || before.categoryPath };
    });
    sessionStorage.setItem("demo_products", JSON.stringify(all));
  }
  function cart() { return JSON.parse(localStorage.getItem("demo_cart") || "[]"); }
  function saveCart(lines) {
    localStorage.setItem("demo_cart", JSON.stringify(lines));
    document.getElementById("cart-count").textContent =
        lines.reduce(function (n, l) { return n + l.quantity; }, 0);
  }
  function productProps(p, quantity) {
    var props = { productId: p.productId, price: Number(p.price), currency: "GBP" };
    if (p.categoryPath) { props.categoryPath = p.categoryPath; }
    if (quantity) { props.quantity = quantity; }
    return props;
  }
  function addToCart(p) {
    var lines = cart(), line = lines.filter(function (l) { return l.productId === p.productId; })[0];
    if (line) { line.quantity += 1; } else {
      lines.push({ productId: p.productId, title: p.title, price: Number(p.price), quantity: 1, categoryPath: p.categoryPath });
    }
    saveCart(lines);
    Tailor.track("add_to_cart", productProps(p, 1), "product");
    document.getElementById("banner").textContent = "Added " + p.title + " to your basket.";
  }

  // ---- blocks ----
  function swatch(p) {
    var s = el("div", { class: "swatch", "aria-hidden": "true" }, p.title.slice(0, 2));
    var h = 0;
    for (var i = 0; i < p.productId.length; i++) { h = (h * 31 + p.productId.charCodeAt(i)) | 0; }
    s.style.background = palette[Math.abs(h) % palette.length];
    return s;
  }
  function card(p, placement, offers) {
    var offer = offerPrice(offers, p.productId);
    var price = el("span", { class: "price" }, offer
        ? [el("s", {}, money(p.price)), " ", el("strong", {}, money(offer.offerPrice))] : money(p.price));
    var add = el("button", { type: "button", "data-action": "add" }, "Add to cart");
    add.addEventListener("click", function () { addToCart(known()[p.productId] || p); });
    return el("li", { class: "card", "data-product-id": p.productId, "data-strategy": p.strategy }, [
      swatch(p),
      el("a", { class: "title", href: "#/product/" + encodeURIComponent(p.productId) }, p.title),
      price,
      el("span", { class: "reason" }, p.reason || ""),
      add
    ]);
  }
  function placementBlock(result, offers) {
    var key = result.placement, title = PLACEMENT_TITLES[key] || key;
    var id = "placement-" + key;
    return el("section", { class: "placement", id: id, "aria-labelledby": id + "-title", "data-placement": key }, [
      el("h2", { id: id + "-title" }, title),
      el("ul", { class: "grid" }, result.items.map(function (p) { return card(p, key, offers); }))
    ]);
  }
  function offerPrice(offers, productId) {
    var found = null;
    (offers || []).forEach(function (o) {
      (o.prices || []).forEach(function (pr) { if (pr.productId === productId && !found) { found = pr; } });
    });
    return found;
  }
  function offerList(offers) {
    if (!offers || !offers.length) { return el("div"); }
    return el("section", { class: "offers", "aria-label": "Offers for you" }, offers.map(function (o) {
      return el("p", { class: "offer", "data-offer": o.offerKey, "data-kind": o.kind }, [
        el("strong", {}, o.label), " ", el("span", {}, o.explanation || "")]);
    }));
  }

  // ---- the "why" panel ----
  function why(decision, offers) {
    var dl = document.getElementById("why");
    dl.replaceChildren();
    function row(term, value, attrs) { dl.appendChild(el("dt", {}, term)); dl.appendChild(el("dd", attrs || {}, value)); }
    var s = decision.shopper;
    row("Shopper", (s.known ? "logged-in customer" : "anonymous visitor") + ", lifecycle " + (s.lifecycle || "unknown"));
    row("Personalized", s.personalized ? "yes" : "no, because " + s.notPersonalizedBecause,
        { id: "why-personalized", "data-value": String(s.personalized) });
    row("Segments", decision.segments.length ? el("ul", {}, decision.segments.map(function (m) {
      return el("li", { "data-segment": m.key }, m.name + " (" + m.key + ")"
          + (m.requestTime ? ", from this page" : m.since ? ", since " + new Date(m.since).toLocaleString() : ""));
    })) : "none", { id: "why-segments" });
    decision.slots.forEach(function (slot) {
      row("Slot " + slot.slot, slot.variantKey + ", rule " + slot.matchedRule,
          { "data-slot": slot.slot, "data-variant": slot.variantKey });
    });
    decision.placements.forEach(function (pl) {
      var strategies = {};
      pl.items.forEach(function (p) { strategies[p.strategy] = (strategies[p.strategy] || 0) + 1; });
      row("Placement " + pl.placement, Object.keys(strategies).length
          ? Object.keys(strategies).map(function (k) { return k + " × " + strategies[k]; }).join(", ")
          : "nothing to show", { "data-why-placement": pl.placement });
    });
    (offers || []).forEach(function (o) { row("Offer " + o.offerKey, o.matchedRule + ": " + o.explanation); });
    decision.experiments.forEach(function (x) {
      row("Experiment " + x.experimentKey, x.variationKey, { "data-experiment": x.experimentKey });
    });
    if (decision.degraded.length) {
      row("Fallbacks", decision.degraded.map(function (d) { return d.service + ": " + d.reason; }).join("; "));
    }
    row("Decision", decision.decisionId + " in " + decision.tookMs + " ms");
  }

  // ---- talking to Tailor ----
  /** One decide call; with offerProducts (an array, may be empty) it also prices them and the recommended ones. */
  function decide(pageType, context, placements, slots, offerProducts) {
    var request = { pageType: pageType, context: context, placements: placements, slots: slots || [] };
    if (offerProducts) { request.offers = { products: offerLines(offerProducts) }; }
    return Tailor.decide(request);
  }
  function offerLines(products) {
    var seen = {};
    return products.filter(function (p) { var first = !seen[p.productId]; seen[p.productId] = true; return first; })
      .slice(0, 50).map(function (p) {
        var line = { productId: p.productId, price: Number(p.price) };
        if (p.categoryPath) { line.categoryPath = p.categoryPath; }
        if (p.quantity) { line.quantity = p.quantity; }
        return line;
      });
  }
  /** Offers for products found after the decision (a category listing): content-service's own route. */
  function decideOffers(decision, context, products) {
    if (!products.length) { return Promise.resolve([]); }
    var body = {
      shopper: { anonymousId: Tailor.anonymousId(), customerId: Tailor.customerId() },
      context: context, personalize: decision.shopper.personalized, products: offerLines(products)
    };
    return fetch("/v1/offers/decide", {
      method: "POST", headers: { "Content-Type": "application/json", "X-Tailor-Key": state.key },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : { offers: [] }; })
      .then(function (answer) { return answer.offers || []; })
      .catch(function () { return []; });
  }
  /** POST to one of the gateway's storefront routes with the public key; null when it does not answer. */
  function storefront(path, body) {
    return fetch(path, {
      method: "POST", headers: { "Content-Type": "application/json", "X-Tailor-Key": state.key },
      body: JSON.stringify(body)
    }).then(function (r) { return r.ok ? r.json() : null; }).catch(function () { return null; });
  }
  function shopper() { return { anonymousId: Tailor.anonymousId(), customerId: Tailor.customerId() }; }
  function items(decision) {
    return decision.placements.reduce(function (all, pl) { return all.concat(pl.items); }, []);
  }
  function slot(decision, key) { return decision.slots.filter(function (s) { return s.slot === key; })[0]; }

  function showHero(decision) {
    var hero = document.getElementById("hero"), content = slot(decision, "home_hero");
    var big = decision.experiments.some(function (x) {
      return x.experimentKey === "home-hero-layout" && x.variationKey === "big-hero";
    });
    hero.hidden = !content;
    hero.className = "hero" + (big ? " big-hero" : "");
    hero.replaceChildren();
    if (content) {
      hero.setAttribute("data-variant", content.variantKey);
      hero.appendChild(el("h1", {}, content.title || ""));
      hero.appendChild(el("p", {}, content.body || ""));
      // only links into this store's pages: the demo content's other links name pages a real store would have
      if (content.linkUrl && content.linkUrl.indexOf("/#/") === 0) {
        hero.appendChild(el("a", { class: "hero-link", href: content.linkUrl.slice(1) }, "Shop now"));
      }
    }
  }
  function showBanner(decision) {
    var message = slot(decision, "cart_message"), banner = document.getElementById("banner");
    banner.textContent = message ? [message.title, message.body].filter(Boolean).join(" ") : "";
    banner.setAttribute("data-variant", message ? message.variantKey : "");
  }

  // ---- pages ----
  function home(page) {
    return decide("home", {}, [
      { placement: "reorder", limit: 8 }, { placement: "home_for_you", limit: 8 },
      { placement: "new_arrivals", limit: 8 }, { placement: "popular", limit: 8 }], ["home_hero", "cart_message"], [])
      .then(function (d) {
        remember(items(d));
        showHero(d); showBanner(d);
        page.appendChild(offerList(d.offers));
        d.placements.filter(function (pl) { return pl.items.length; })
          .forEach(function (pl) { page.appendChild(placementBlock(pl, d.offers)); });
        return [d, d.offers];
      });
  }
  var SORTS = [["recommended", "Recommended for you"], ["best_selling", "Best selling"], ["new_first", "Newest"],
               ["price_asc", "Price: low to high"], ["price_desc", "Price: high to low"]];
  function category(page, parts, query) {
    var path = parts.map(decodeURIComponent), asked = query && query.get("sort");
    Tailor.track("category_view", { categoryPath: path }, "category");
    return decide("category", { categoryPath: path }, [
      { placement: "product_page_related", limit: 12 }, { placement: "new_arrivals", limit: 6 }], ["category_banner"])
      .then(function (d) {
        remember(d.placements[0].items, path);
        // the shopper's segment decides the order (the category_banner variant's sortOrder) unless they chose one
        var banner = slot(d, "category_banner"), sort = asked || (banner && banner.sortOrder) || "recommended";
        var listing = storefront("/v1/search/category", { shopper: shopper(), category: path[0], sortOrder: sort,
                                                          limit: 24, personalize: d.shopper.personalized });
        return listing.then(function (all) {
          var products = all ? all.items : [];
          remember(products, path);
          return decideOffers(d, { pageType: "category", categoryPath: path }, items(d).concat(products))
            .then(function (offers) {
              page.appendChild(el("h1", {}, pathOf(path)));
              if (banner) { page.appendChild(el("p", { id: "category-banner", class: "banner" }, banner.title)); }
              page.appendChild(offerList(offers));
              d.placements.forEach(function (pl, i) {
                var block = placementBlock(pl, offers);
                if (i === 0) { block.querySelector("h2").textContent = "Top in " + path[path.length - 1]; }
                page.appendChild(block);
              });
              var select = el("select", { id: "sort-order" }, SORTS.map(function (o) {
                var option = el("option", { value: o[0] }, o[1]);
                if (o[0] === sort) { option.selected = true; }
                return option;
              }));
              select.addEventListener("change", function () {
                location.hash = categoryHref(path) + "?sort=" + select.value;
              });
              page.appendChild(el("section", { id: "category-listing", "aria-label": "All products" }, [
                el("h2", {}, "All in " + path[0] + (all ? " (" + all.total + ")" : "")),
                el("label", { for: "sort-order" }, "Sort by "), select,
                el("ul", { class: "grid" }, products.map(function (p) { return card(p, "category", offers); }))]));
              return [d, offers];
            });
        });
      });
  }
  function product(page, id) {
    if (!known()[id]) {
      return fetch("/v1/products/" + encodeURIComponent(id), { headers: { "X-Tailor-Key": state.key } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .catch(function () { return null; })
        .then(function (found) {
          var all = known();
          all[id] = found ? { productId: id, title: found.title, price: found.price, categoryPath: found.categoryPath }
                          : { productId: id, title: "Product " + id, price: 0 };
          sessionStorage.setItem("demo_products", JSON.stringify(all));
          return product(page, id);
        });
    }
    var p = known()[id];
    Tailor.track("product_view", productProps(p), "product");
    var context = { productId: id };
    if (p.categoryPath) { context.categoryPath = p.categoryPath; }
    return decide("product", context, [{ placement: "product_page_related", limit: 8 }], [], [p])
      .then(function (d) {
        remember(d.placements[0].items);
        return Promise.resolve(d.offers)
          .then(function (offers) {
            var offer = offerPrice(offers, id);
            var add = el("button", { type: "button", id: "add-to-cart" }, "Add to cart");
            add.addEventListener("click", function () { addToCart(p); });
            page.appendChild(el("article", { class: "product", "data-product-id": id }, [
              swatch(p),
              el("div", {}, [
                el("h1", {}, p.title),
                p.categoryPath ? el("p", {}, el("a", { href: categoryHref(p.categoryPath) }, pathOf(p.categoryPath)))
                               : el("span"),
                el("p", { class: "price" }, offer ? [el("s", {}, money(p.price)), " ", el("strong", {}, money(offer.offerPrice))]
                                                  : money(p.price)),
                add])]));
            page.appendChild(offerList(offers));
            page.appendChild(placementBlock(d.placements[0], offers));
            return [d, offers];
          });
      });
  }
  function search(page, query) {
    var q = (query.get("q") || "").trim();
    return decide("search", { query: q }, [{ placement: "popular", limit: 12 }], []).then(function (d) {
      remember(d.placements[0].items);
      var asked = q ? storefront("/v1/search", { shopper: shopper(), query: q, limit: 24,
                                                  personalize: d.shopper.personalized })
                    : Promise.resolve(null);
      return asked.then(function (found) {
        var hits = found ? found.items : [];
        remember(hits);
        Tailor.track("search", { query: q || " ", resultCount: found ? found.total : 0 }, "search");
        page.appendChild(el("h1", {}, "Search: " + q));
        page.appendChild(el("p", { id: "result-count" }, found
            ? found.total + " products match" + (found.personalized ? ", ordered for you." : ".")
            : "Search is not answering just now; here is what is popular."));
        page.appendChild(el("ul", { class: "grid", id: "search-results" }, hits.map(function (p) {
          return card(p, "search", []);
        })));
        if (!hits.length) { page.appendChild(placementBlock(d.placements[0], [])); }
        return [d, []];
      });
    });
  }
  function basket(page) {
    var lines = cart();
    return decide("cart", { cartProductIds: lines.map(function (l) { return l.productId; }) },
                  [{ placement: "cart_complementary", limit: 6 }], ["cart_message"], lines)
      .then(function (d) {
        remember(d.placements[0].items);
        return Promise.resolve(d.offers).then(function (offers) {
          showBanner(d);
          page.appendChild(el("h1", {}, "Your basket"));
          if (!lines.length) { page.appendChild(el("p", {}, "Your basket is empty.")); }
          var table = el("table", { class: "lines" }, [el("caption", { class: "visually-hidden" }, "Basket lines"),
            el("tr", {}, ["Product", "Quantity", "Price", ""].map(function (h) { return el("th", { scope: "col" }, h); }))]);
          lines.forEach(function (l) {
            var offer = offerPrice(offers, l.productId);
            var remove = el("button", { type: "button", "aria-label": "Remove " + l.title }, "Remove");
            remove.addEventListener("click", function () {
              saveCart(cart().filter(function (x) { return x.productId !== l.productId; }));
              Tailor.track("remove_from_cart", productProps(l, l.quantity), "cart");
              route();
            });
            table.appendChild(el("tr", { "data-product-id": l.productId }, [
              el("td", {}, el("a", { href: "#/product/" + encodeURIComponent(l.productId) }, l.title)),
              el("td", {}, l.quantity), el("td", {}, money((offer ? offer.offerPrice : l.price) * l.quantity)),
              el("td", {}, remove)]));
          });
          if (lines.length) {
            page.appendChild(table);
            page.appendChild(el("a", { class: "button", href: "#/checkout", id: "to-checkout" }, "Go to checkout"));
          }
          page.appendChild(offerList(offers));
          page.appendChild(placementBlock(d.placements[0], offers));
          return [d, offers];
        });
      });
  }
  function checkout(page) {
    var lines = cart();
    var orderLines = lines.map(function (l) {
      return { productId: l.productId, quantity: l.quantity, price: Number(l.price) };
    });
    if (lines.length) { Tailor.track("checkout_started", { lines: orderLines }, "checkout"); }
    return decide("checkout", { cartProductIds: lines.map(function (l) { return l.productId; }) }, [], [])
      .then(function (d) {
        page.appendChild(el("h1", {}, "Checkout"));
        if (!lines.length) { page.appendChild(el("p", {}, "Your basket is empty.")); return [d, []]; }
        var total = orderLines.reduce(function (s, l) { return s + l.price * l.quantity; }, 0);
        var form = el("form", { id: "checkout-form", class: "stack" }, [
          el("p", {}, "This shop is a demo: nothing is charged or shipped."),
          el("label", { for: "co-name" }, "Name"), el("input", { id: "co-name", name: "name", autocomplete: "name", required: "" }),
          el("label", { for: "co-email" }, "E-mail"),
          el("input", { id: "co-email", name: "email", type: "email", autocomplete: "email", required: "" }),
          el("p", {}, "Total " + money(total)),
          el("button", { type: "submit", id: "place-order" }, "Place order")]);
        form.addEventListener("submit", function (e) {
          e.preventDefault();
          var orderId = "demo-" + Tailor.anonymousId().slice(-6) + "-" + Date.now().toString(36);
          Tailor.track("order_completed", { orderId: orderId, lines: orderLines, total: Math.round(total * 100) / 100,
                                            currency: "GBP" }, "checkout");
          saveCart([]);
          document.getElementById("page").replaceChildren(el("h1", {}, "Thank you"),
                                                          el("p", { id: "order-confirmation" }, "Order " + orderId + " placed."));
        });
        page.appendChild(form);
        return [d, []];
      });
  }

  // ---- routing ----
  function route() {
    var hash = location.hash.replace(/^#\/?/, ""), q = hash.indexOf("?");
    var query = new URLSearchParams(q >= 0 ? hash.slice(q + 1) : ""), parts = (q >= 0 ? hash.slice(0, q) : hash).split("/");
    var page = document.getElementById("page");
    page.replaceChildren(el("p", { class: "status" }, "Loading…"));
    document.getElementById("hero").hidden = true;
    document.getElementById("hero").removeAttribute("data-variant");
    document.getElementById("banner").textContent = "";
    var render;
    switch (parts[0]) {
      case "category": render = function (p) { return category(p, parts.slice(1), query); }; break;
      case "product": render = function (p) { return product(p, decodeURIComponent(parts[1] || "")); }; break;
      case "search": render = function (p) { return search(p, query); }; break;
      case "cart": render = basket; break;
      case "checkout": render = checkout; break;
      default: render = home;
    }
    // the page's events go first, so the decision sees them
    return Tailor.flush().then(function () {
      var fresh = el("div");
      return render(fresh).then(function (result) {
        page.replaceChildren.apply(page, Array.prototype.slice.call(fresh.childNodes));
        why(result[0], result[1]);
        state.renders += 1;
        document.body.setAttribute("data-rendered", String(state.renders));
        document.body.setAttribute("data-route", parts[0] || "home");
        Tailor.flush();
      });
    }).catch(function (e) {
      page.replaceChildren(el("p", { class: "error", role: "alert" }, "This page could not be composed: " + e.message));
    });
  }

  // ---- the control panel ----
  function personaPanel() {
    var select = document.getElementById("persona"), current = localStorage.getItem("demo_persona") || "";
    var personas = [["", { label: "Myself (this browser)", expect: "Whatever you do in this browser." }]]
      .concat(Object.keys(TailorPersonas.all).map(function (n) { return [n, TailorPersonas.all[n]]; }));
    personas.forEach(function (entry) {
      select.appendChild(el("option", { value: entry[0] }, entry[1].label));
    });
    select.value = current;
    function describe() {
      var chosen = personas.filter(function (p) { return p[0] === select.value; })[0];
      document.getElementById("persona-expect").textContent = chosen ? "Expect: " + chosen[1].expect : "";
    }
    select.addEventListener("change", describe);
    describe();
    document.getElementById("persona-form").addEventListener("submit", function (e) {
      e.preventDefault();
      var chosen = select.value;
      var status = document.getElementById("persona-status");
      if (!chosen) {
        ["tailor_aid", "tailor_cid", "tailor_session", "demo_cart", "demo_persona"].forEach(function (k) { localStorage.removeItem(k); });
        location.assign("/#/"); location.reload(); return;
      }
      status.textContent = "Sending " + TailorPersonas.all[chosen].label + "'s history…";
      decide("home", {}, [{ placement: "popular", limit: 12 }], []).then(function (d) {
        var products = d.placements[0].items;
        if (products.length < 6) { throw new Error("the store shows fewer than 6 products; is the demo data loaded?"); }
        return TailorPersonas.become(chosen, state.key, products);
      }).then(function (landing) {
        status.textContent = "Ready. Segments follow within a few seconds: reload if one is missing.";
        // give profile- and segment-service a moment to apply the history before the first decision
        setTimeout(function () { location.assign(landing); if (landing.indexOf("?") < 0) { location.reload(); } }, 1500);
      }).catch(function (err) { status.textContent = "Could not switch: " + err.message; });
    });
    var who = document.createElement("p");
    who.className = "status";
    who.id = "who";
    who.textContent = "Visitor " + Tailor.anonymousId() + (Tailor.customerId() ? ", customer " + Tailor.customerId() : "");
    document.getElementById("persona-status").before(who);
  }
  function navigation() {
    var list = document.getElementById("categories");
    CATEGORIES.forEach(function (c) {
      list.appendChild(el("li", {}, el("a", { href: categoryHref(c) }, c[c.length - 1])));
    });
    document.getElementById("search-form").addEventListener("submit", function (e) {
      e.preventDefault();
      location.hash = "#/search?q=" + encodeURIComponent(document.getElementById("search-q").value);
    });
  }

  fetch("/demo/config").then(function (r) { return r.json(); }).then(function (cfg) {
    state.key = cfg.publicKey;
    Tailor.init({ endpoint: "", key: cfg.publicKey });
    navigation();
    personaPanel();
    saveCart(cart());
    Tailor.track("page_view", {}, "home");
    window.addEventListener("hashchange", route);
    route();
  });
})();
