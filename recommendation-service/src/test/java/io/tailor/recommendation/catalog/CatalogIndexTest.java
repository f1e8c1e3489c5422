package io.tailor.recommendation.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogIndexTest {

    private static CatalogProduct product(String id, String title, List<String> path, LocalDate launch) {
        return new CatalogProduct(
                id, title, "Soft cotton", path, "Acme", Map.of(), BigDecimal.ONE, "EUR", 3, launch, null, null, true);
    }

    @Test
    void anUpdatedProductMovesBetweenCategoriesAndLaunchDates() {
        CatalogIndex index = new CatalogIndex();
        index.put(product("p1", "Blue T-shirt", List.of("Men", "Shirts"), LocalDate.of(2026, 5, 1)));
        index.put(product("p2", "Red T-shirt", List.of("Men", "Shirts"), LocalDate.of(2026, 5, 20)));
        assertThat(index.inTopCategory("Men")).containsExactlyInAnyOrder("p1", "p2");
        assertThat(index.launchesIn("Men"))
                .extracting(CatalogIndex.Launch::productId)
                .containsExactly("p2", "p1");

        index.put(product("p1", "Blue T-shirt", List.of("Women", "Shirts"), LocalDate.of(2026, 6, 1)));
        assertThat(index.inTopCategory("Men")).containsExactly("p2");
        assertThat(index.inPath(List.of("Women", "Shirts"))).containsExactly("p1");
        assertThat(index.launchesIn("Men"))
                .extracting(CatalogIndex.Launch::productId)
                .containsExactly("p2");
        assertThat(index.launchesIn("Women"))
                .extracting(CatalogIndex.Launch::productId)
                .containsExactly("p1");
        assertThat(index.launchesIn("Kids")).isEmpty();
    }

    @Test
    void tokensAreLowerCaseWordsOfThreeLettersOrMore() {
        CatalogIndex index = new CatalogIndex();
        index.put(product("p1", "Blue T-shirt XL", List.of("Men"), null));
        assertThat(index.tokens("p1")).containsExactlyInAnyOrder("blue", "shirt", "soft", "cotton", "acme");
        assertThat(index.tokens("nope")).isEmpty();
    }
}
