package io.tailor.devstack.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo store's content slots, experiments, extra segments and journeys, as sent to the admin APIs. */
final class DemoContent {

    private DemoContent() {}

    static final Map<String, String> SLOTS = new LinkedHashMap<>();
    static final Map<String, String> EXPERIMENTS = new LinkedHashMap<>();
    /** Segments beyond segment-service's starters that the offers and journeys below need. */
    static final Map<String, String> SEGMENTS = new LinkedHashMap<>();
    /** Offers, after the segments they target. */
    static final Map<String, String> OFFERS = new LinkedHashMap<>();
    /** The five triggered-message journeys every store starts with (docs/messages.md). */
    static final Map<String, String> JOURNEYS = new LinkedHashMap<>();

    static {
        SLOTS.put(
                "home_hero",
                """
                {"name":"Homepage hero","description":"The big banner on the home page","variants":[
                  {"key":"default","default":true,"title":"Gifts for every room",
                   "body":"Candles, kitchenware and keepsakes from independent makers.","linkUrl":"/c/gifts"},
                  {"key":"december-picks","priority":30,"targeting":{"utmCampaigns":["december-picks"]},
                   "title":"Your December picks","body":"The Christmas favourites from our newsletter.",
                   "linkUrl":"/#/search?q=christmas"},
                  {"key":"welcome-offer","priority":20,"targeting":{"segments":["first-time-visitor"]},
                   "title":"Welcome! 10% off your first order","body":"Use code WELCOME10 at checkout.",
                   "linkUrl":"/c/new"},
                  {"key":"welcome-back","priority":10,"targeting":{"segments":["repeat-customer"]},
                   "title":"Welcome back","body":"New arrivals picked from the categories you love.",
                   "linkUrl":"/c/new"}]}
                """);
        // chosen by the home-hero-layout experiment below (control: default, big-hero: big)
        SLOTS.put(
                "home_banner",
                """
                {"name":"Homepage banner","description":"A banner under the hero; its layout is an A/B test",
                 "variants":[
                  {"key":"default","default":true,"title":"Free UK delivery on orders over £50"},
                  {"key":"big","title":"FREE UK DELIVERY over £50, and free returns within 30 days",
                   "body":"Order by 4pm for next-day dispatch."}],
                 "chooser":{"experiment":"home-hero-layout","variations":{"control":"default","big-hero":"big"}}}
                """);
        // the sort order of a category's products, per segment (the storefront passes it to /v1/search/category)
        SLOTS.put(
                "category_banner",
                """
                {"name":"Category banner","description":"Above a category; sets the order of its products","variants":[
                  {"key":"default","default":true,"title":"Best sellers first","sortOrder":"best_selling"},
                  {"key":"new-for-regulars","priority":10,"targeting":{"segments":["repeat-customer"]},
                   "title":"New in, picked for you","sortOrder":"new_first"}]}
                """);
        SLOTS.put(
                "cart_message",
                """
                {"name":"Cart message","description":"A line above the cart","variants":[
                  {"key":"default","default":true,"title":"Free UK delivery on orders over £50"},
                  {"key":"saved-basket","priority":10,"targeting":{"segments":["cart-abandoner"]},
                   "title":"Your basket is saved","body":"Everything you picked is still here, ready when you are."}]}
                """);
        EXPERIMENTS.put(
                "home-hero-layout",
                """
                {"name":"Homepage hero layout","description":"Does a bigger hero lift clicks?",
                 "variations":[{"key":"control","weight":0.5},{"key":"big-hero","weight":0.5}]}
                """);
        SEGMENTS.put(
                "replenishment-due",
                """
                {"name":"Replenishment due","template":"replenishment-due"}
                """);
        SEGMENTS.put(
                "wholesale-account",
                """
                {"name":"Wholesale accounts","template":"wholesale-account"}
                """);
        OFFERS.put(
                "trade-tiers",
                """
                {"kind":"wholesale_tier","name":"Trade tiers","label":"Trade prices: 5% off 10+, 10% off 50+",
                 "tiers":[{"minQuantity":10,"percentOff":5},{"minQuantity":50,"percentOff":10}],
                 "targeting":{"segments":["wholesale-account"]}}
                """);
        JOURNEYS.put(
                "cart-recovery",
                """
                {"name":"Cart recovery","description":"The cart idles for 30 minutes without an order",
                 "trigger":{"event":"add_to_cart"},"reentry":"restart","exitOn":["order_completed"],"enabled":true,
                 "steps":[{"delay":"PT30M","template":"cart-recovery","condition":"cart_not_empty"},
                          {"delay":"P1D","template":"cart-recovery","placement":"cart_complementary",
                           "condition":"cart_not_empty"}]}
                """);
        JOURNEYS.put(
                "browse-abandonment",
                """
                {"name":"Browse abandonment","description":"Viewed products, nothing in the cart after an hour",
                 "trigger":{"event":"product_view"},"reentry":"restart",
                 "exitOn":["add_to_cart","order_completed"],"enabled":true,
                 "steps":[{"delay":"PT1H","template":"browse-abandonment","condition":"cart_empty"}]}
                """);
        JOURNEYS.put(
                "post-purchase",
                """
                {"name":"Post-purchase follow-up","description":"Care tips and what goes with the order",
                 "trigger":{"event":"order_completed"},"reentry":"restart","enabled":true,
                 "steps":[{"delay":"P3D","template":"post-purchase","placement":"cart_complementary"}]}
                """);
        JOURNEYS.put(
                "replenishment",
                """
                {"name":"Replenishment reminder","description":"Near the date a regular buyer usually reorders",
                 "trigger":{"segmentEntered":"replenishment-due"},"exitOnSegmentExit":true,
                 "exitOn":["order_completed"],"enabled":true,
                 "steps":[{"delay":"PT0S","template":"replenishment-reminder","placement":"reorder"}]}
                """);
        JOURNEYS.put(
                "welcome",
                """
                {"name":"Welcome series","description":"A new customer's first e-mails",
                 "trigger":{"event":"identify"},"reentry":"once","enabled":true,
                 "steps":[{"delay":"PT0S","template":"welcome","placement":"popular"},
                          {"delay":"P3D","template":"welcome","placement":"new_arrivals"}]}
                """);
    }
}
