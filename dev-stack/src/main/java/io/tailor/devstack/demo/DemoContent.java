package io.tailor.devstack.demo;

import java.util.LinkedHashMap;
import java.util.Map;

/** The demo store's content slots and experiments, as sent to the admin APIs. */
final class DemoContent {

    private DemoContent() {}

    static final Map<String, String> SLOTS = new LinkedHashMap<>();
    static final Map<String, String> EXPERIMENTS = new LinkedHashMap<>();

    static {
        SLOTS.put(
                "home_hero",
                """
                {"name":"Homepage hero","description":"The big banner on the home page","variants":[
                  {"key":"default","default":true,"title":"Gifts for every room",
                   "body":"Candles, kitchenware and keepsakes from independent makers.","linkUrl":"/c/gifts"},
                  {"key":"welcome-offer","priority":20,"targeting":{"segments":["first-time-visitor"]},
                   "title":"Welcome! 10% off your first order","body":"Use code WELCOME10 at checkout.",
                   "linkUrl":"/c/new"},
                  {"key":"welcome-back","priority":10,"targeting":{"segments":["repeat-customer"]},
                   "title":"Welcome back","body":"New arrivals picked from the categories you love.",
                   "linkUrl":"/c/new"}]}
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
    }
}
