package io.tailor.devstack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The demo catalogue from the UCI Online Retail sample (data/online-retail-sample.csv): real product codes, titles
 * and prices. Categories and design collections (as brands) are derived from the titles by keyword; stock and
 * launch dates are simulated, deterministically from the product code (docs/demo-data.md says which is which).
 */
public final class RetailCatalog {

    /** A catalogue row in the shape of recommendation-service's catalogue API. */
    public record Product(
            String id,
            String title,
            List<String> categoryPath,
            String brand,
            BigDecimal price,
            String currency,
            int stock,
            LocalDate launchDate,
            Map<String, String> attributes) {}

    /** One invoice line of the dataset. */
    public record Line(
            String invoice,
            String stockCode,
            String description,
            int quantity,
            String invoiceDate,
            BigDecimal unitPrice,
            String customerId,
            String country) {

        public boolean cancelled() {
            return invoice.startsWith("C") || quantity <= 0;
        }

        /** Whether the line sells a product: postage, fees and manual adjustments have non-numeric codes. */
        public boolean isProduct() {
            return !stockCode.isEmpty() && Character.isDigit(stockCode.charAt(0));
        }
    }

    private static final String[][] CATEGORIES = {
        {"Seasonal|Christmas", "CHRISTMAS", "ADVENT", "SNOWFLAKE", "REINDEER", "SANTA", "XMAS", "NATIVITY"},
        {"Home|Warmers", "HOT WATER BOTTLE", "HAND WARMER", "WARMER"},
        {"Home|Candles & Lights", "CANDLE", "T-LIGHT", "TEALIGHT", "LANTERN", "LIGHTS", "LAMP", "NIGHT LIGHT"},
        {
            "Kitchen & Dining",
            "MUG",
            "CUP",
            "TEAPOT",
            "TEA ",
            "CAKE",
            "JAM ",
            "LUNCH",
            "BAKING",
            "APRON",
            "KITCHEN",
            "PLATE",
            "BOWL",
            "CUTLERY",
            "JUG",
            "NAPKIN",
            "SPOON",
            "TRAY",
            "RECIPE",
            "CHOPSTICK",
            "PANTRY"
        },
        {"Bath & Beauty", "SOAP", "BATH", "TISSUE", "PLASTERS", "TOWEL", "COSMETIC", "MIRROR", "SPONGE", "TOOTH"},
        {"Bags & Accessories|Jewellery", "NECKLACE", "EARRING", "BRACELET", "RING ", "BROOCH", "HAIR", "CHARM"},
        {"Bags & Accessories", "BAG", "SHOPPER", "TOTE", "PURSE", "UMBRELLA", "SCARF", "GLOVES"},
        {
            "Kids & Toys",
            "CHILDRENS",
            "CHILDS",
            "DOLL",
            "PLAYHOUSE",
            "TOY",
            "SPACEBOY",
            "GAME",
            "JIGSAW",
            "FELTCRAFT",
            "KIDS",
            "PUPPET",
            "SKIPPING",
            "BUBBLES",
            "CRAYON",
            "PAINT SET"
        },
        {
            "Stationery & Party",
            "CARD",
            "WRAP",
            "PAPER",
            "PENCIL",
            "NOTEBOOK",
            "STICKER",
            "PARTY",
            "BUNTING",
            "RIBBON",
            "GIFT TAG",
            "ENVELOPE",
            "NOTE",
            "BALLOON",
            "ERASER",
            "RULER"
        },
        {"Garden", "GARDEN", "PLANT", "FLOWER POT", "WATERING", "BIRD", "TRELLIS", "SEED"},
        {"Home|Storage", "BOX", "TIN", "BASKET", "CASES", "JAR", "DRAWER", "STORAGE", "CRATE"},
        {
            "Home|Decor",
            "SIGN",
            "FRAME",
            "CLOCK",
            "DOORMAT",
            "HOOK",
            "HANGING",
            "DECORATION",
            "HEART",
            "CUSHION",
            "WICKER",
            "ORNAMENT",
            "VASE",
            "WREATH",
            "GARLAND",
            "HOLDER",
            "DOORSTOP",
            "COAT RACK",
            "CHALKBOARD"
        },
    };

    private static final String[] COLLECTIONS = {
        "RETROSPOT", "SPACEBOY", "BABUSHKA", "DOLLY GIRL", "WOODLAND", "PAISLEY", "POLKADOT", "SKULL", "REGENCY",
        "VINTAGE", "EDWARDIAN", "ANTIQUE", "UNION JACK", "STRAWBERRY", "OWL", "GINGHAM", "FAIRY", "BAROQUE"
    };

    private RetailCatalog() {}

    /** Every line of the dataset, cancellations included. */
    public static List<Line> lines(Path csv) {
        try {
            List<String> rows = Files.readAllLines(csv, StandardCharsets.UTF_8);
            List<Line> lines = new ArrayList<>(rows.size());
            for (String row : rows.subList(1, rows.size())) {
                List<String> f = CsvRows.split(row, ',');
                if (f.size() < 8) {
                    continue;
                }
                lines.add(new Line(
                        f.get(0),
                        f.get(1),
                        f.get(2).trim(),
                        Integer.parseInt(f.get(3)),
                        f.get(4),
                        new BigDecimal(f.get(5)),
                        f.get(6).isBlank() ? null : f.get(6).replace(".0", ""),
                        f.get(7)));
            }
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + csv, e);
        }
    }

    /** One product per stock code: its title, its median unit price, derived category and collection. */
    public static List<Product> products(List<Line> lines, LocalDate today) {
        Map<String, List<Line>> byCode = new LinkedHashMap<>();
        for (Line l : lines) {
            if (!l.cancelled()
                    && l.isProduct()
                    && l.unitPrice().signum() > 0
                    && !l.description().isBlank()) {
                byCode.computeIfAbsent(l.stockCode(), k -> new ArrayList<>()).add(l);
            }
        }
        List<Product> products = new ArrayList<>();
        byCode.forEach((code, ls) -> {
            List<BigDecimal> prices = ls.stream().map(Line::unitPrice).sorted().toList();
            BigDecimal price = prices.get(prices.size() / 2).setScale(2, RoundingMode.HALF_UP);
            String title = ls.getFirst().description();
            int seed = Math.floorMod(code.hashCode(), 10_000);
            int stock = seed % 37 == 0 ? 0 : 5 + seed % 200;
            LocalDate launch = seed % 9 == 0 ? today.minusDays(seed % 14) : today.minusDays(30 + seed % 700);
            products.add(new Product(
                    code,
                    title,
                    category(title),
                    collection(title),
                    price,
                    "GBP",
                    stock,
                    launch,
                    Map.of("source", "uci-online-retail")));
        });
        return products;
    }

    /** The category path a title's keywords point to (first rule that matches), else Gifts. */
    public static List<String> category(String title) {
        String t = " " + title.toUpperCase(Locale.ROOT) + " ";
        for (String[] rule : CATEGORIES) {
            for (int i = 1; i < rule.length; i++) {
                if (t.contains(rule[i])) {
                    return List.of(rule[0].split("\\|"));
                }
            }
        }
        return List.of("Gifts");
    }

    static String collection(String title) {
        String t = title.toUpperCase(Locale.ROOT);
        for (String c : COLLECTIONS) {
            if (t.contains(c)) {
                String lower = c.toLowerCase(Locale.ROOT);
                StringBuilder name = new StringBuilder();
                for (String word : lower.split(" ")) {
                    name.append(name.isEmpty() ? "" : " ")
                            .append(Character.toUpperCase(word.charAt(0)))
                            .append(word.substring(1));
                }
                return name.toString();
            }
        }
        return null;
    }
}
