/*
 * Tailor's admin console: one page, one tab per area, talking only to the gateway's /v1/admin/<area>/... with the
 * secret key the user typed (kept in sessionStorage). Every problem+json answer is shown next to the field it names
 * (errors[].field), or above the form when it names none.
 */
(function () {
  "use strict";
  var KEY = "tailor_console_key";

  // ---- DOM helpers ----
  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (attrs[k] !== undefined && attrs[k] !== null && attrs[k] !== false) { e.setAttribute(k, attrs[k] === true ? "" : attrs[k]); }
    });
    [].concat(children === undefined ? [] : children).forEach(function (c) {
      if (c === null || c === undefined) { return; }
      e.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
    });
    return e;
  }
  var uid = 0;
  /** A labelled input; `field` is the JSON path the API names in its errors. */
  function field(label, name, attrs, help) {
    var id = "f-" + (++uid), input;
    attrs = Object.assign({ id: id, name: name, "data-field": name }, attrs || {});
    if (attrs.type === "textarea") { delete attrs.type; input = el("textarea", attrs); }
    else if (attrs.type === "select") {
      var options = attrs.options; delete attrs.type; delete attrs.options;
      input = el("select", attrs, options.map(function (o) {
        return el("option", { value: Array.isArray(o) ? o[0] : o }, Array.isArray(o) ? o[1] : o);
      }));
    } else { input = el("input", attrs); }
    var wrap = el("div", { class: "field" }, [el("label", { for: id }, label), input]);
    if (help) { var h = el("small", { id: id + "-help" }, help); input.setAttribute("aria-describedby", id + "-help"); wrap.appendChild(h); }
    return wrap;
  }
  function value(form, name) { var i = form.querySelector("[name='" + name + "']"); return i ? i.value.trim() : ""; }
  function list(text) { return text.split(",").map(function (s) { return s.trim(); }).filter(Boolean); }
  function table(headers, rows, attrs) {
    return el("table", attrs || {}, [
      el("thead", {}, el("tr", {}, headers.map(function (h) { return el("th", { scope: "col" }, h); }))),
      el("tbody", {}, rows.map(function (r) {
        return el("tr", r.attrs || {}, r.cells.map(function (c) { return el("td", {}, c === null || c === undefined ? "" : c); }));
      }))]);
  }
  function empty(text) { return el("p", { class: "empty" }, text); }
  function fmt(n, digits) { return n === null || n === undefined ? "–" : Number(n).toFixed(digits === undefined ? 3 : digits); }
  function pct(n) { return n === null || n === undefined ? "–" : (100 * n).toFixed(1) + " %"; }

  // ---- the admin API ----
  function api(method, path, body) {
    return fetch("/v1/admin" + path, {
      method: method,
      headers: Object.assign({ "X-Tailor-Key": sessionStorage.getItem(KEY) || "" },
                             body === undefined ? {} : { "Content-Type": "application/json" }),
      body: body === undefined ? undefined : JSON.stringify(body)
    }).then(function (r) {
      return r.text().then(function (text) {
        var json = null;
        try { json = text ? JSON.parse(text) : null; } catch (e) { json = { detail: text }; }
        if (!r.ok) {
          var problem = json && typeof json === "object" ? json : {};
          problem.status = problem.status || r.status;
          problem.title = problem.title || ("HTTP " + r.status);
          throw problem;
        }
        return json;
      });
    });
  }

  /** Puts each problem error next to the input whose data-field it names; the rest above the form. */
  function showProblem(form, problem) {
    clearProblem(form);
    var general = [];
    (problem.errors || []).forEach(function (error) {
      var input = findInput(form, error.field || "");
      if (input) {
        var id = input.id + "-error";
        var msg = el("p", { class: "field-error", id: id, role: "alert", "data-error-for": input.getAttribute("data-field") },
                     (error.field ? error.field + ": " : "") + error.message);
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", ((input.getAttribute("aria-describedby") || "") + " " + id).trim());
        (input.closest(".field") || input.parentNode).appendChild(msg);
      } else {
        general.push((error.field ? error.field + ": " : "") + error.message);
      }
    });
    var box = el("div", { class: "problem", role: "alert" }, [
      el("strong", {}, problem.title + (problem.status ? " (" + problem.status + ")" : "")),
      problem.detail ? el("p", {}, problem.detail) : null,
      general.length ? el("ul", {}, general.map(function (g) { return el("li", {}, g); })) : null]);
    form.prepend(box);
  }
  /** The input for an error path: exact, else the longest data-field that prefixes it (variants[1].title → variants). */
  function findInput(form, path) {
    var best = null, bestLength = -1;
    form.querySelectorAll("[data-field]").forEach(function (i) {
      var f = i.getAttribute("data-field");
      var match = path === f || path.indexOf(f + ".") === 0 || path.indexOf(f + "[") === 0;
      if (match && f.length > bestLength) { best = i; bestLength = f.length; }
    });
    return best;
  }
  function clearProblem(form) {
    form.querySelectorAll(".problem, .field-error").forEach(function (e) { e.remove(); });
    form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
  }
  function submitting(form, handler) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      clearProblem(form);
      var action = e.submitter ? e.submitter.value : "";
      Promise.resolve().then(function () { return handler(action); })
        .catch(function (problem) { showProblem(form, problem instanceof Error ? { title: problem.message } : problem); });
    });
  }
  function output(id) { return el("div", { class: "output", id: id, "aria-live": "polite" }); }

  // ---- tabs ----
  var TABS = [
    ["segments", "Segments", segmentsTab], ["content", "Content", contentTab], ["offers", "Offers", offersTab],
    ["experiments", "Experiments", experimentsTab], ["placements", "Recommendations", placementsTab],
    ["shoppers", "Shoppers", shoppersTab], ["journeys", "Journeys", journeysTab]
  ];
  function buildTabs() {
    var nav = document.getElementById("tabs"), panels = document.getElementById("panels");
    nav.replaceChildren(); panels.replaceChildren();
    TABS.forEach(function (t, i) {
      var tab = el("button", { type: "button", role: "tab", id: "tab-" + t[0], "aria-controls": "panel-" + t[0],
                               "aria-selected": "false", tabindex: "-1" }, t[1]);
      tab.addEventListener("click", function () { select(i); });
      tab.addEventListener("keydown", function (e) {
        var next = e.key === "ArrowRight" ? i + 1 : e.key === "ArrowLeft" ? i - 1 : e.key === "Home" ? 0 : e.key === "End" ? TABS.length - 1 : null;
        if (next !== null) { e.preventDefault(); select((next + TABS.length) % TABS.length); document.getElementById("tab-" + TABS[(next + TABS.length) % TABS.length][0]).focus(); }
      });
      nav.appendChild(tab);
      panels.appendChild(el("section", { role: "tabpanel", id: "panel-" + t[0], "aria-labelledby": "tab-" + t[0], hidden: true, tabindex: "0" }));
    });
    var start = TABS.map(function (t) { return t[0]; }).indexOf(location.hash.slice(1));
    select(start < 0 ? 0 : start);
  }
  function select(index) {
    TABS.forEach(function (t, i) {
      var tab = document.getElementById("tab-" + t[0]), panel = document.getElementById("panel-" + t[0]);
      tab.setAttribute("aria-selected", String(i === index));
      tab.setAttribute("tabindex", i === index ? "0" : "-1");
      panel.hidden = i !== index;
      if (i === index) {
        history.replaceState(null, "", "#" + t[0]);
        panel.replaceChildren(el("p", { class: "muted" }, "Loading…"));
        Promise.resolve(t[2](panel)).catch(function (p) {
          panel.replaceChildren(el("div", { class: "problem", role: "alert" }, [el("strong", {}, p.title || String(p)), el("p", {}, p.detail || "")]));
        });
      }
    });
  }
  function reload(panel, tab) { return function () { return tab(panel); }; }

  // ---- Segments ----
  function segmentsTab(panel) {
    return Promise.all([api("GET", "/segments"), api("GET", "/segments/templates")]).then(function (answers) {
      var segments = answers[0], templates = answers[1];
      var listing = table(["Key", "Name", "Members", "Scope", "Enabled", "Rule"], segments.map(function (s) {
        return { attrs: { "data-segment": s.key }, cells: [s.key, s.name, s.size === null ? "–" : s.size, s.scope, s.enabled ? "yes" : "no", el("code", {}, s.rule)] };
      }), { id: "segment-list" });

      var params = el("div", { id: "template-parameters" });
      var form = el("form", { id: "segment-form", class: "stack", "aria-labelledby": "segment-form-title" }, [
        el("h2", { id: "segment-form-title" }, "Create or edit a segment"),
        field("Key", "key", { required: true, pattern: "[a-z0-9][a-z0-9\\-]*", placeholder: "big-spenders" }, "lower-case letters, digits and -"),
        field("Name", "name", { required: true }),
        field("Description", "description"),
        field("Build from", "mode", { type: "select", options: [["template", "a template"], ["rule", "a CEL rule"]] }),
        field("Template", "template", { type: "select", options: templates.map(function (t) { return [t.key, t.name + " (" + t.key + ")"]; }) }),
        params,
        field("CEL rule", "rule", { type: "textarea", rows: 3, placeholder: "profile.orders >= 3 && profile.totalSpend > 500.0" },
              "Fields: profile.*, request.*, now; see docs/segments.md"),
        el("div", { class: "buttons" }, [
          el("button", { type: "submit", value: "preview" }, "Preview"),
          el("button", { type: "submit", value: "save" }, "Save")]),
        output("segment-output")]);
      var templateSelect = form.querySelector("[name=template]"), modeSelect = form.querySelector("[name=mode]");
      function showParameters() {
        var t = templates.filter(function (x) { return x.key === templateSelect.value; })[0];
        params.replaceChildren.apply(params, (t ? t.parameters : []).map(function (p) {
          return field(p.name + " (" + p.type.toLowerCase() + ")", "parameters." + p.name,
                       { value: p.defaultValue || "", "data-parameter": p.name }, p.description);
        }));
        if (t) { params.prepend(el("p", { class: "muted" }, t.description)); }
      }
      function showMode() {
        var byTemplate = modeSelect.value === "template";
        templateSelect.closest(".field").hidden = !byTemplate; params.hidden = !byTemplate;
        form.querySelector("[name=rule]").closest(".field").hidden = byTemplate;
      }
      templateSelect.addEventListener("change", showParameters);
      modeSelect.addEventListener("change", showMode);
      showParameters(); showMode();
      function definition() {
        var body = { name: value(form, "name") };
        if (value(form, "description")) { body.description = value(form, "description"); }
        if (modeSelect.value === "template") {
          body.template = templateSelect.value; body.parameters = {};
          params.querySelectorAll("[data-parameter]").forEach(function (i) {
            if (i.value.trim()) { body.parameters[i.getAttribute("data-parameter")] = i.value.trim(); }
          });
        } else { body.rule = value(form, "rule"); }
        return body;
      }
      submitting(form, function (action) {
        var out = form.querySelector("#segment-output");
        if (action === "preview") {
          var body = definition(); delete body.name; delete body.description; body.sample = 10;
          return api("POST", "/segments/preview", body).then(function (p) {
            out.replaceChildren(
              el("p", { id: "preview-count" }, p.matching + " of " + p.profiles + " shoppers match (" + pct(p.share) + ")"
                 + (p.errors ? ", " + p.errors + " could not be evaluated: " + p.firstError : "")),
              el("p", {}, ["Rule: ", el("code", {}, p.rule || "")]),
              table(["Sample shopper", "Values read"], (p.sample || []).map(function (s) {
                return { cells: [s.profileId, el("code", {}, JSON.stringify(s.values))] };
              }), { id: "preview-sample" }));
          });
        }
        return api("PUT", "/segments/" + encodeURIComponent(value(form, "key")), definition()).then(function (s) {
          out.replaceChildren(el("p", { id: "segment-saved" }, "Saved " + s.key + " (version " + s.version + "). Members are being computed."));
          setTimeout(reload(panel, segmentsTab), 1200);
        });
      });

      var explain = el("form", { id: "explain-form", class: "stack", "aria-labelledby": "explain-title" }, [
        el("h2", { id: "explain-title" }, "Explain a shopper"),
        field("Segment", "segment", { type: "select", options: segments.map(function (s) { return s.key; }) }),
        field("Customer id", "customerId"), field("or anonymous id", "anonymousId"),
        el("button", { type: "submit" }, "Explain"), output("explain-output")]);
      submitting(explain, function () {
        var q = new URLSearchParams();
        ["customerId", "anonymousId"].forEach(function (k) { if (value(explain, k)) { q.set(k, value(explain, k)); } });
        return api("GET", "/segments/" + encodeURIComponent(value(explain, "segment")) + "/explain?" + q).then(function (x) {
          explain.querySelector("#explain-output").replaceChildren(
            el("p", { id: "explanation" }, x.explanation),
            el("p", {}, "Matches now: " + (x.matches ? "yes" : "no") + "; member: " + (x.member ? "yes" : "no")),
            el("pre", {}, JSON.stringify(x.values || {}, null, 2)));
        });
      });
      panel.replaceChildren(el("h1", {}, "Segments"), listing, el("div", { class: "columns" }, [form, explain]));
    });
  }

  // ---- Content slots and variants ----
  function targetingSummary(t) {
    if (!t) { return "everyone"; }
    return Object.keys(t).filter(function (k) { return t[k] !== null && (!Array.isArray(t[k]) || t[k].length); })
      .map(function (k) { return k + "=" + (typeof t[k] === "object" ? JSON.stringify(t[k]) : t[k]); }).join("; ") || "everyone";
  }
  function compact(o) {
    if (Array.isArray(o)) { return o.map(compact); }
    if (o && typeof o === "object") {
      var r = {};
      Object.keys(o).forEach(function (k) { if (o[k] !== null && o[k] !== undefined) { r[k] = compact(o[k]); } });
      return r;
    }
    return o;
  }
  function instant(local) { return local ? new Date(local).toISOString() : undefined; }
  function contentTab(panel) {
    return api("GET", "/content/slots").then(function (slots) {
      var listing = el("div", { id: "slot-list" }, slots.length ? slots.map(function (s) {
        return el("article", { class: "card", "data-slot": s.key }, [
          el("h3", {}, s.name + " (" + s.key + ")" + (s.kind ? ", " + s.kind : "")),
          table(["Variant", "Title", "Priority", "Targeting", "Active"], s.variants.map(function (v) {
            return { cells: [v.key + (v["default"] ? " (default)" : ""), v.title, v.priority, targetingSummary(v.targeting), v.active ? "yes" : "no"] };
          }))]);
      }) : [empty("No content slots yet.")]);
      var form = el("form", { id: "variant-form", class: "stack", "aria-labelledby": "variant-title" }, [
        el("h2", { id: "variant-title" }, "Add or replace a targeted variant"),
        field("Slot key", "slot", { required: true, list: "slot-keys", placeholder: "home_hero" }),
        el("datalist", { id: "slot-keys" }, slots.map(function (s) { return el("option", { value: s.key }); })),
        field("Slot name (new slots)", "name"),
        field("Default title (new slots)", "defaultTitle"),
        field("Variant key", "variants.key", { required: true }),
        field("Title", "variants.title", { required: true }),
        field("Body", "variants.body", { type: "textarea", rows: 2 }),
        field("Link", "variants.linkUrl"),
        field("Priority", "variants.priority", { type: "number", value: "10", min: "-1000", max: "1000" }),
        field("Segments (comma-separated)", "variants.targeting.segments"),
        field("UTM campaigns", "variants.targeting.utmCampaigns"),
        field("Devices", "variants.targeting.devices", {}, "desktop, mobile, tablet"),
        field("Shown from", "variants.targeting.schedule.start", { type: "datetime-local" }),
        field("Shown until", "variants.targeting.schedule.end", { type: "datetime-local" }),
        el("button", { type: "submit" }, "Save variant"), output("variant-output")]);
      submitting(form, function () {
        var key = value(form, "slot"), existing = slots.filter(function (s) { return s.key === key; })[0];
        var targeting = {}, schedule = {};
        [["segments", "variants.targeting.segments"], ["utmCampaigns", "variants.targeting.utmCampaigns"],
         ["devices", "variants.targeting.devices"]].forEach(function (p) {
          if (list(value(form, p[1])).length) { targeting[p[0]] = list(value(form, p[1])); }
        });
        if (value(form, "variants.targeting.schedule.start")) { schedule.start = instant(value(form, "variants.targeting.schedule.start")); }
        if (value(form, "variants.targeting.schedule.end")) { schedule.end = instant(value(form, "variants.targeting.schedule.end")); }
        if (Object.keys(schedule).length) { targeting.schedule = schedule; }
        var variant = { key: value(form, "variants.key"), title: value(form, "variants.title"),
                        body: value(form, "variants.body") || undefined, linkUrl: value(form, "variants.linkUrl") || undefined,
                        priority: Number(value(form, "variants.priority") || 0), targeting: targeting };
        var body = existing
          ? { name: existing.name, description: existing.description, kind: existing.kind, frequencyCap: existing.frequencyCap,
              variants: existing.variants.filter(function (v) { return v.key !== variant.key; }) }
          : { name: value(form, "name") || key,
              variants: [{ key: "default", "default": true, title: value(form, "defaultTitle") || key }] };
        body.variants = body.variants.concat([variant]);
        return api("PUT", "/content/slots/" + encodeURIComponent(key), compact(body)).then(function () {
          form.querySelector("#variant-output").replaceChildren(el("p", {}, "Saved variant " + variant.key + " in " + key + "."));
          setTimeout(reload(panel, contentTab), 800);
        });
      });
      panel.replaceChildren(el("h1", {}, "Content slots and variants"), listing, form);
    });
  }

  // ---- Offers ----
  function offersTab(panel) {
    return api("GET", "/offers").then(function (offers) {
      var listing = offers.length ? table(["Key", "Kind", "Label", "Targeting", "Window", "Active"], offers.map(function (o) {
        return { attrs: { "data-offer": o.offerKey || o.key }, cells: [o.offerKey || o.key, o.kind, o.label, targetingSummary(o.targeting),
                 (o.start || "…") + " – " + (o.end || "…"), o.active === false ? "no" : "yes"] };
      }), { id: "offer-list" }) : empty("No offers yet.");
      var form = el("form", { id: "offer-form", class: "stack", "aria-labelledby": "offer-title" }, [
        el("h2", { id: "offer-title" }, "Create or replace an offer"),
        field("Key", "key", { required: true }), field("Name", "name", { required: true }),
        field("Label shoppers read", "label", { required: true }),
        field("Kind", "kind", { type: "select", options: ["percentage", "fixed_amount", "free_shipping", "wholesale_tier"] }),
        field("Percent off", "percentOff", { type: "number", step: "any" }),
        field("Amount off", "amountOff", { type: "number", step: "any" }),
        field("Quantity tiers", "tiers", { placeholder: "10:5, 50:10" }, "minimum quantity:percent off, for wholesale_tier"),
        field("Product ids", "products.productIds"), field("Categories", "products.categories"),
        field("Segments", "targeting.segments"),
        field("Starts", "start", { type: "datetime-local" }), field("Ends", "end", { type: "datetime-local" }),
        field("Why prices may differ within a segment", "priceReason", {}, "needed to save an offer the consistency check refuses"),
        el("button", { type: "submit" }, "Save offer"), output("offer-output")]);
      submitting(form, function () {
        var body = { kind: value(form, "kind"), name: value(form, "name"), label: value(form, "label") };
        if (value(form, "percentOff")) { body.percentOff = Number(value(form, "percentOff")); }
        if (value(form, "amountOff")) { body.amountOff = Number(value(form, "amountOff")); }
        if (value(form, "tiers")) {
          body.tiers = list(value(form, "tiers")).map(function (t) {
            var p = t.split(":"); return { minQuantity: Number(p[0]), percentOff: Number(p[1]) };
          });
        }
        var products = {};
        if (list(value(form, "products.productIds")).length) { products.productIds = list(value(form, "products.productIds")); }
        if (list(value(form, "products.categories")).length) { products.categories = list(value(form, "products.categories")); }
        if (Object.keys(products).length) { body.products = products; }
        if (list(value(form, "targeting.segments")).length) { body.targeting = { segments: list(value(form, "targeting.segments")) }; }
        if (value(form, "start")) { body.start = instant(value(form, "start")); }
        if (value(form, "end")) { body.end = instant(value(form, "end")); }
        if (value(form, "priceReason")) { body.priceReason = value(form, "priceReason"); }
        return api("PUT", "/offers/" + encodeURIComponent(value(form, "key")), body).then(function () {
          form.querySelector("#offer-output").replaceChildren(el("p", {}, "Saved offer " + value(form, "key") + "."));
          setTimeout(reload(panel, offersTab), 800);
        });
      });
      panel.replaceChildren(el("h1", {}, "Offers"), listing, form);
    });
  }

  // ---- Experiments ----
  var SVG = "http://www.w3.org/2000/svg";
  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  /** Relative lift of each variation against the control with its interval, as horizontal bars around 0. */
  function intervalPlot(metric) {
    var rows = metric.variations.filter(function (v) { return v.comparison && v.comparison.frequentist; });
    if (!rows.length) { return el("p", { class: "muted" }, "No interval yet: " + metric.name + " needs more data."); }
    var width = 420, rowHeight = 28, height = 30 + rows.length * rowHeight;
    var bound = rows.reduce(function (m, v) {
      var f = v.comparison.frequentist; return Math.max(m, Math.abs(f.ciLow), Math.abs(f.ciHigh));
    }, 0.05);
    function x(v) { return 130 + (v + bound) / (2 * bound) * (width - 150); }
    var plot = svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                            "aria-label": "Relative lift and 95% interval of " + metric.name + " per variation", class: "plot" });
    plot.appendChild(svg("line", { x1: x(0), x2: x(0), y1: 5, y2: height - 20, stroke: "#999", "stroke-dasharray": "3 3" }));
    plot.appendChild(svg("text", { x: x(0), y: height - 5, "text-anchor": "middle", "font-size": 11 }, "0 %"));
    plot.appendChild(svg("text", { x: x(-bound), y: height - 5, "font-size": 11 }, pct(-bound)));
    plot.appendChild(svg("text", { x: x(bound), y: height - 5, "text-anchor": "end", "font-size": 11 }, pct(bound)));
    rows.forEach(function (v, i) {
      var f = v.comparison.frequentist, y = 18 + i * rowHeight;
      plot.appendChild(svg("text", { x: 0, y: y + 4, "font-size": 12 }, v.key));
      plot.appendChild(svg("line", { x1: x(f.ciLow), x2: x(f.ciHigh), y1: y, y2: y, stroke: f.significant ? "#1f7a3a" : "#2f5f9f", "stroke-width": 6 }));
      if (v.comparison.relativeLift !== null) {
        plot.appendChild(svg("circle", { cx: x(v.comparison.relativeLift), cy: y, r: 5, fill: "#1d2330" }));
      }
    });
    return plot;
  }
  /** The metric per variation over time: the points experiment-service kept, then what this tab fetched since. */
  function timePlot(history, metricKey) {
    var points = history.filter(function (h) { return h.values[metricKey]; });
    if (points.length < 2) { return el("p", { class: "muted" }, "The plot over time fills in while the experiment runs (a point every 15 minutes)."); }
    var width = 420, height = 160, t0 = Date.parse(points[0].at), t1 = Date.parse(points[points.length - 1].at) || t0 + 1;
    var values = []; points.forEach(function (p) { Object.keys(p.values[metricKey]).forEach(function (k) { values.push(p.values[metricKey][k]); }); });
    var lo = Math.min.apply(null, values), hi = Math.max.apply(null, values); if (hi === lo) { hi = lo + 1; }
    function x(t) { return 40 + (Date.parse(t) - t0) / Math.max(1, t1 - t0) * (width - 60); }
    function y(v) { return height - 20 - (v - lo) / (hi - lo) * (height - 40); }
    var plot = svg("svg", { viewBox: "0 0 " + width + " " + height, width: width, height: height, role: "img",
                            "aria-label": metricKey + " per variation over time", class: "plot" });
    var colours = ["#2f5f9f", "#c0562b", "#1f7a3a", "#7a3a8f"];
    Object.keys(points[points.length - 1].values[metricKey]).forEach(function (variation, i) {
      var d = points.filter(function (p) { return p.values[metricKey][variation] !== undefined; })
        .map(function (p, j) { return (j ? "L" : "M") + x(p.at).toFixed(1) + " " + y(p.values[metricKey][variation]).toFixed(1); }).join(" ");
      plot.appendChild(svg("path", { d: d, fill: "none", stroke: colours[i % colours.length], "stroke-width": 2 }));
      plot.appendChild(svg("text", { x: width - 15, y: 12 + i * 12, "text-anchor": "end", "font-size": 11, fill: colours[i % colours.length] }, variation));
    });
    plot.appendChild(svg("text", { x: 0, y: y(hi) + 4, "font-size": 10 }, fmt(hi)));
    plot.appendChild(svg("text", { x: 0, y: y(lo), "font-size": 10 }, fmt(lo)));
    return plot;
  }
  function remember(results) {
    var all = JSON.parse(sessionStorage.getItem("tailor_results") || "{}"), h = all[results.experimentKey] || [];
    var values = {};
    results.metrics.forEach(function (m) {
      values[m.metric] = {};
      m.variations.forEach(function (v) { if (v.value !== null) { values[m.metric][v.key] = v.value; } });
    });
    if (!h.length || h[h.length - 1].at !== results.computedAt) { h.push({ at: results.computedAt, values: values }); }
    all[results.experimentKey] = h.slice(-50);
    sessionStorage.setItem("tailor_results", JSON.stringify(all));
    return all[results.experimentKey];
  }
  /** experiment-service's results over time, in the shape of {@link remember}'s entries; [] when it cannot say. */
  function keptHistory(key) {
    return api("GET", "/experiments/" + encodeURIComponent(key) + "/results/history").then(function (points) {
      var byTime = {};
      points.forEach(function (p) {
        var at = byTime[p.computedAt] = byTime[p.computedAt] || { at: p.computedAt, values: {} };
        (at.values[p.metric] = at.values[p.metric] || {})[p.variation] = p.value;
      });
      return Object.keys(byTime).sort().map(function (t) { return byTime[t]; });
    }).catch(function () { return []; });
  }
  function showResults(target, key) {
    return Promise.all([api("GET", "/experiments/" + encodeURIComponent(key) + "/results?fresh=true"),
                        keptHistory(key)]).then(function (both) {
      var r = both[0], kept = both[1], fetched = remember(r);
      var last = kept.length ? kept[kept.length - 1].at : null;
      var history = kept.concat(fetched.filter(function (h) { return !last || h.at > last; }));
      var srm = r.srm || {};
      target.replaceChildren.apply(target, [
        el("h3", {}, "Results of " + key),
        el("p", { class: "muted" }, "Computed " + new Date(r.computedAt).toLocaleString()
           + (r.multipleExposures ? "; " + r.multipleExposures + " units left out (seen in more than one variation)" : "")),
        el("p", { id: "srm", class: srm.alarm ? "alarm" : "", role: srm.alarm ? "alert" : null },
           srm.alarm ? "Sample ratio mismatch: p = " + fmt(srm.pValue, 5) + ". Assignment or tracking is broken; do not trust these results."
                     : "Sample ratio: " + (srm.status || "ok") + (srm.pValue !== null && srm.pValue !== undefined ? " (p = " + fmt(srm.pValue, 3) + ")" : "")),
        table(["Variation", "Weight", "Units"], r.variations.map(function (v) {
          return { cells: [v.key, fmt(v.weight, 2), v.units] };
        }), { id: "result-units" }),
        r.alarms && r.alarms.length ? el("ul", { class: "alarm" }, r.alarms.map(function (a) { return el("li", {}, a); })) : null]
        .filter(Boolean));
      r.metrics.forEach(function (m) {
        target.appendChild(el("section", { class: "metric", "data-metric": m.metric }, [
          el("h4", {}, m.name + (m.guardrail ? " (guardrail: " + m.guardrailStatus + ")" : "")),
          table(["Variation", "Units", "Value", "Lift", "95 % interval", "Always-valid interval", "Chance to beat control", "Status"],
            m.variations.map(function (v) {
              var c = v.comparison;
              return { attrs: { "data-variation": v.key }, cells: [v.key, v.units, fmt(v.value, 4),
                c ? pct(c.relativeLift) : "control",
                c && c.frequentist ? pct(c.frequentist.ciLow) + " … " + pct(c.frequentist.ciHigh) : "",
                c && c.sequential ? pct(c.sequential.ciLow) + " … " + pct(c.sequential.ciHigh) : "",
                c && c.bayesian ? pct(c.bayesian.chanceToBeatControl) : "",
                c ? (c.status === "ok" ? "ok" : c.reason || c.status) : ""] };
            })),
          el("div", { class: "plots" }, [intervalPlot(m), timePlot(history, m.metric)])]));
      });
    });
  }
  function experimentsTab(panel) {
    return api("GET", "/experiments").then(function (experiments) {
      var results = el("div", { id: "experiment-results", "aria-live": "polite" });
      var rows = experiments.map(function (x) {
        var actions = el("div", { class: "buttons" });
        [["start", "Start"], ["stop", "Stop"], ["results", "Results"]].forEach(function (a) {
          var b = el("button", { type: "button", "data-action": a[0], "aria-label": a[1] + " " + x.key }, a[1]);
          b.addEventListener("click", function () {
            var done = a[0] === "results" ? showResults(results, x.key)
              : api("POST", "/experiments/" + encodeURIComponent(x.key) + "/" + a[0]).then(reload(panel, experimentsTab));
            done.catch(function (p) { results.replaceChildren(el("div", { class: "problem", role: "alert" }, [el("strong", {}, p.title), el("p", {}, p.detail || "")])); });
          });
          actions.appendChild(b);
        });
        return { attrs: { "data-experiment": x.key, "data-status": x.status }, cells: [x.key, x.name, x.status,
                 x.variations.map(function (v) { return v.key + (v.weight ? " " + Math.round(v.weight * 100) + "%" : ""); }).join(", "),
                 targetingSummary(x.targeting), actions] };
      });
      var form = el("form", { id: "experiment-form", class: "stack", "aria-labelledby": "experiment-form-title" }, [
        el("h2", { id: "experiment-form-title" }, "Create an experiment"),
        field("Key", "key", { required: true, placeholder: "hero-copy" }), field("Name", "name", { required: true }),
        field("Hypothesis", "description"),
        field("Variations", "variations", { required: true, value: "control, treatment" }, "comma-separated; the first is the control; equal split"),
        field("Metrics", "metrics", {}, "e.g. conversion_rate, revenue_per_visitor; empty: all"),
        field("Target segments", "targeting.segments"),
        el("button", { type: "submit" }, "Create draft"), output("experiment-output")]);
      submitting(form, function () {
        var body = { name: value(form, "name"), variations: list(value(form, "variations")).map(function (k) { return { key: k }; }) };
        if (value(form, "description")) { body.description = value(form, "description"); }
        if (list(value(form, "metrics")).length) { body.metrics = list(value(form, "metrics")); }
        if (list(value(form, "targeting.segments")).length) { body.targeting = { segments: list(value(form, "targeting.segments")) }; }
        return api("PUT", "/experiments/" + encodeURIComponent(value(form, "key")), body).then(function (x) {
          form.querySelector("#experiment-output").replaceChildren(el("p", {}, "Created " + x.key + " as " + x.status + "."));
          setTimeout(reload(panel, experimentsTab), 600);
        });
      });
      panel.replaceChildren(el("h1", {}, "Experiments"),
        experiments.length ? table(["Key", "Name", "Status", "Variations", "Targeting", ""], rows, { id: "experiment-list" }) : empty("No experiments yet."),
        results, form);
    });
  }

  // ---- Recommendation placements ----
  function placementsTab(panel) {
    return api("GET", "/recommendations/placements").then(function (placements) {
      var listing = table(["Placement", "What", "Strategies", "Fallbacks", "Rules"], placements.map(function (p) {
        return { attrs: { "data-placement": p.key }, cells: [p.key, p.description,
                 (p.strategies || []).map(function (s) { return s.name + (s.weight !== 1 ? " ×" + s.weight : ""); }).join(", ") + " (" + p.blend + ")",
                 (p.fallbacks || []).join(", "), p.rules ? el("code", {}, JSON.stringify(compact(p.rules))) : ""] };
      }), { id: "placement-list" });
      var form = el("form", { id: "placement-preview", class: "stack", "aria-labelledby": "preview-title" }, [
        el("h2", { id: "preview-title" }, "Live preview for a shopper"),
        field("Placement", "placement", { type: "select", options: placements.map(function (p) { return p.key; }) }),
        field("Customer id", "customerId"), field("or anonymous id", "anonymousId"),
        field("Product on the page", "productId"), field("How many", "limit", { type: "number", value: "8", min: "1", max: "50" }),
        el("button", { type: "submit" }, "Preview"), output("placement-output")]);
      submitting(form, function () {
        var context = { pageType: value(form, "productId") ? "product" : "home" };
        if (value(form, "productId")) { context.productId = value(form, "productId"); }
        var body = { shopper: { customerId: value(form, "customerId") || null, anonymousId: value(form, "anonymousId") || null },
                     context: context, placements: [{ placement: value(form, "placement"), limit: Number(value(form, "limit") || 8) }] };
        return api("POST", "/recommendations", body).then(function (answer) {
          var result = answer.placements[0];
          form.querySelector("#placement-output").replaceChildren(
            el("p", {}, result.items.length + " products" + (result.fallback ? ", from the fallbacks" : "")),
            table(["Product", "Title", "Price", "Strategy", "Reason", "Score"], result.items.map(function (p) {
              return { cells: [p.productId, p.title, p.price, p.strategy, p.reason, fmt(p.score)] };
            }), { id: "placement-items" }));
        });
      });
      panel.replaceChildren(el("h1", {}, "Recommendation placements"), listing, form);
    });
  }

  // ---- Shopper look-up ----
  function shoppersTab(panel) {
    var form = el("form", { id: "shopper-form", class: "stack", "aria-labelledby": "shopper-title" }, [
      el("h2", { id: "shopper-title" }, "Find a shopper"),
      field("Customer id", "customerId"), field("or anonymous id", "anonymousId"),
      el("button", { type: "submit" }, "Look up")]);
    var out = output("shopper-output");
    submitting(form, function () {
      var q = new URLSearchParams(), shopper = {};
      ["customerId", "anonymousId"].forEach(function (k) { if (value(form, k)) { q.set(k, value(form, k)); shopper[k] = value(form, k); } });
      if (!q.toString()) { throw { title: "Give a customer id or an anonymous id", errors: [{ field: "customerId", message: "required (or an anonymous id)" }] }; }
      return Promise.all([api("GET", "/profiles?" + q),
                          api("POST", "/memberships/lookup", { shopper: shopper, context: { pageType: "other" } }).catch(function () { return null; })])
        .then(function (answers) { showShopper(out, answers[0], answers[1]); });
    });
    panel.replaceChildren(el("h1", {}, "Shopper look-up"), form, out);
  }
  function showShopper(out, p, memberships) {
    var consent = p.consent || {};
    var facts = [["Profile", p.profileId || p.id], ["Customer", p.customerId], ["Lifecycle", p.lifecycle],
                 ["Orders", p.orders], ["Total spend", p.totalSpend], ["Sessions", p.sessions],
                 ["Traits", JSON.stringify(p.traits || {})], ["First touch", JSON.stringify(p.firstTouch || {})]];
    var profileId = p.profileId || p.id;
    var consentForm = el("form", { id: "consent-form", class: "stack" }, [
      el("h3", {}, "Consent"),
      field("Personalization", "personalization", { type: "select", options: [["true", "allowed"], ["false", "refused"]] }),
      field("Analytics", "analytics", { type: "select", options: [["true", "allowed"], ["false", "refused"]] }),
      field("Marketing e-mail", "marketingEmail", { type: "select", options: [["true", "allowed"], ["false", "refused"]] }),
      el("button", { type: "submit" }, "Save consent"), output("consent-output")]);
    ["personalization", "analytics", "marketingEmail"].forEach(function (k) {
      consentForm.querySelector("[name=" + k + "]").value = String(consent[k] !== false);
    });
    submitting(consentForm, function () {
      var body = { source: "console" };
      ["personalization", "analytics", "marketingEmail"].forEach(function (k) { body[k] = value(consentForm, k) === "true"; });
      return api("PUT", "/profiles/" + encodeURIComponent(profileId) + "/consent", body).then(function () {
        consentForm.querySelector("#consent-output").replaceChildren(el("p", {}, "Consent saved."));
      });
    });
    var exportButton = el("button", { type: "button", id: "export" }, "Export data (JSON)");
    var eraseButton = el("button", { type: "button", id: "erase", class: "danger" }, "Erase shopper");
    var privacy = el("div", { class: "output", id: "privacy-output", "aria-live": "polite" });
    exportButton.addEventListener("click", function () {
      api("GET", "/profiles/" + encodeURIComponent(profileId) + "/export").then(function (data) {
        var link = el("a", { href: URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: "application/json" })),
                             download: "shopper-" + profileId + ".json" }, "Download the export");
        privacy.replaceChildren(link);
        link.click();
      }).catch(function (e) { privacy.replaceChildren(el("p", { role: "alert" }, e.title)); });
    });
    eraseButton.addEventListener("click", function () {
      if (!window.confirm("Erase every piece of data about " + profileId + " in every service?")) { return; }
      api("DELETE", "/profiles/" + encodeURIComponent(profileId)).then(function (r) {
        privacy.replaceChildren(el("p", { id: "erase-status" }, "Erasure requested" + (r && r.requestId ? ": request " + r.requestId : "") + "."));
      }).catch(function (e) { privacy.replaceChildren(el("p", { role: "alert" }, e.title + " " + (e.detail || ""))); });
    });
    out.replaceChildren(
      el("h2", {}, "Shopper " + profileId),
      el("dl", { class: "facts", id: "shopper-facts" }, facts.reduce(function (acc, f) {
        return acc.concat([el("dt", {}, f[0]), el("dd", {}, f[1] === undefined || f[1] === null ? "–" : String(f[1]))]);
      }, [])),
      el("h3", {}, "Segments"),
      memberships && memberships.segments && memberships.segments.length
        ? el("ul", { id: "shopper-segments" }, memberships.segments.map(function (s) { return el("li", {}, s.name + " (" + s.key + ")"); }))
        : empty("In no segment" + (memberships && memberships.personalized === false ? " (no personalization consent)" : "") + "."),
      consentForm,
      el("div", { class: "buttons" }, [exportButton, eraseButton]), privacy,
      el("details", {}, [el("summary", {}, "The whole profile"), el("pre", {}, JSON.stringify(p, null, 2))]));
  }

  // ---- Journeys and their message log ----
  function optional(path) {
    return api("GET", path).catch(function (p) { if (p.status === 404) { return null; } throw p; });
  }
  function journeysTab(panel) {
    return Promise.all([optional("/journeys"), optional("/messages")]).then(function (answers) {
      var journeys = answers[0], messages = answers[1];
      function rowsOf(x) { return Array.isArray(x) ? x : x && Array.isArray(x.items) ? x.items : []; }
      var j = rowsOf(journeys), m = rowsOf(messages);
      panel.replaceChildren(el("h1", {}, "Journeys"),
        journeys === null ? empty("Journeys are not available on this installation yet.")
          : j.length ? table(["Key", "Name", "Trigger", "Steps", "Exits on", "Enabled"], j.map(function (x) {
            return { attrs: { "data-journey": x.key }, cells: [x.key, x.name,
                     x.trigger ? Object.keys(x.trigger).map(function (k) {
                       var v = x.trigger[k]; return k + "=" + (typeof v === "object" ? JSON.stringify(v) : v);
                     }).join(", ") : "",
                     (x.steps || []).map(function (st) { return (st.delay || "") + " " + (st.template || ""); }).join(" → "),
                     (x.exitOn || []).join(", "), x.enabled === false ? "no" : "yes"] };
          }), { id: "journey-list" }) : empty("No journeys yet."),
        el("h2", {}, "Message log"),
        messages === null ? empty("The message log is not available on this installation yet.")
          : m.length ? table(["Created", "Sent", "Journey", "Step", "Shopper", "Subject", "Status"], m.map(function (x) {
            return { cells: [x.createdAt, x.sentAt, x.journey, x.step, x.customerId || x.profileId, x.subject,
                             x.status + (x.reason ? " (" + x.reason + ")" : "")] };
          }), { id: "message-log" }) : empty("No messages yet."));
    });
  }

  // ---- sign in ----
  function signedIn() {
    document.getElementById("login").hidden = true;
    document.getElementById("app").hidden = false;
    document.getElementById("sign-out").hidden = false;
    document.getElementById("signed-in").textContent = "Signed in with " + sessionStorage.getItem(KEY).slice(0, 6) + "…";
    buildTabs();
  }
  var login = document.getElementById("login-form");
  submitting(login, function () {
    var key = value(login, "key");
    sessionStorage.setItem(KEY, key);
    return api("GET", "/segments").then(signedIn).catch(function (p) {
      sessionStorage.removeItem(KEY);
      throw { title: p.title, detail: p.detail, status: p.status, errors: [{ field: "key", message: p.title }] };
    });
  });
  document.getElementById("sign-out").addEventListener("click", function () {
    sessionStorage.removeItem(KEY); location.reload();
  });
  if (sessionStorage.getItem(KEY)) { signedIn(); }
})();
