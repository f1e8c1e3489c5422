package io.tailor.content.journey;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.Variant;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Renders message templates (Qute; HTML is escaped) with a message's model. Parsed templates are cached by their
 * text. Rendering is strict: a property the model lacks is an error, so a broken template is refused on save (it is
 * test-rendered with {@link #sampleModel()}) and a message whose data does not fit fails at delivery and is retried.
 */
@ApplicationScoped
public class MessageRenderer {

    /** A rendered message. */
    public record Rendered(String subject, String html) {}

    private final Engine engine;
    private final Map<String, Template> parsed = new ConcurrentHashMap<>();

    public MessageRenderer(Engine engine) {
        this.engine = engine;
    }

    public Rendered render(String subject, String html, Map<String, Object> model) {
        return new Rendered(
                template(subject, Variant.TEXT_PLAIN).render(model).strip(),
                template(html, Variant.TEXT_HTML).render(model));
    }

    /** Parses and test-renders a template; throws with Qute's message (line and expression) when it is broken. */
    public void check(String subject, String html) {
        render(subject, html, sampleModel());
    }

    private Template template(String text, String contentType) {
        String cacheKey = contentType + '\n' + text;
        Template template = parsed.get(cacheKey);
        if (template == null) {
            template = engine.parse(text, Variant.forContentType(contentType));
            if (parsed.size() > 1_000) {
                parsed.clear();
            }
            parsed.put(cacheKey, template);
        }
        return template;
    }

    /** What every message's model holds; templates are checked against it. */
    public static Map<String, Object> sampleModel() {
        return model(
                "Alex",
                List.of(
                        product("p-1", "Trail running shoe", new BigDecimal("89.00"), "http://localhost:8080"),
                        product("p-2", "Merino running socks", new BigDecimal("12.50"), "http://localhost:8080")),
                "http://localhost:8080",
                "http://localhost:8080/unsubscribe?p=sample&t=sample",
                "Sample journey");
    }

    public static Map<String, Object> model(
            String firstName,
            List<Map<String, Object>> products,
            String storeUrl,
            String unsubscribeUrl,
            String journeyName) {
        java.util.HashMap<String, Object> shopper = new java.util.HashMap<>();
        shopper.put("firstName", firstName);
        return Map.of(
                "shopper", shopper,
                "products", products,
                "storeUrl", storeUrl,
                "unsubscribeUrl", unsubscribeUrl,
                "journey", journeyName);
    }

    /** A product as templates see it; {@code url} is the product's page in the store. */
    public static Map<String, Object> product(String productId, String title, BigDecimal price, String storeUrl) {
        java.util.HashMap<String, Object> p = new java.util.HashMap<>();
        p.put("productId", productId);
        p.put("title", title);
        p.put(
                "price",
                price == null
                        ? ""
                        : price.setScale(2, java.math.RoundingMode.HALF_UP).toPlainString());
        p.put(
                "url",
                storeUrl + "/#/product/"
                        + java.net.URLEncoder.encode(productId, java.nio.charset.StandardCharsets.UTF_8));
        p.put("imageUrl", "");
        return p;
    }
}
