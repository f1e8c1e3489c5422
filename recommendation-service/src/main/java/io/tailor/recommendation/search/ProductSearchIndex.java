package io.tailor.recommendation.search;

import io.tailor.recommendation.catalog.CatalogIndex;
import io.tailor.recommendation.catalog.CatalogProduct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.queryparser.simple.SimpleQueryParser;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * The catalogue as an in-memory Lucene index, following every catalogue change: title, brand, categories, attributes
 * and description with English stemming, ranked by BM25 with the title weighted highest. Shopper-typed queries are
 * read by Lucene's simple query parser, which never fails on syntax: quotes make phrases, a trailing * a prefix, and
 * anything else is plain words.
 */
@ApplicationScoped
public class ProductSearchIndex {

    /** A match: the product id and its text score. */
    public record Hit(String productId, float score) {}

    static final String ID = "id";
    static final String TOP_CATEGORY = "top_category";
    private static final Map<String, Float> FIELDS =
            Map.of("title", 3f, "brand", 2f, "categories", 1.5f, "attributes", 1f, "description", 0.5f);

    private final Analyzer analyzer = new EnglishAnalyzer();
    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final AtomicBoolean changed = new AtomicBoolean();

    public ProductSearchIndex(CatalogIndex catalog) {
        try {
            writer = new IndexWriter(directory, new IndexWriterConfig(analyzer));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("the search index could not be created", e);
        }
        catalog.onPut(this::put);
        catalog.all().forEach(this::put);
    }

    void put(CatalogProduct product) {
        Document doc = new Document();
        doc.add(new StringField(ID, product.id(), Field.Store.YES));
        if (product.topCategory() != null) {
            doc.add(new StringField(TOP_CATEGORY, product.topCategory(), Field.Store.NO));
        }
        doc.add(new TextField("title", nullToEmpty(product.title()), Field.Store.NO));
        doc.add(new TextField("brand", nullToEmpty(product.brand()), Field.Store.NO));
        doc.add(new TextField("categories", String.join(" ", product.categoryPath()), Field.Store.NO));
        doc.add(new TextField(
                "attributes",
                product.attributes() == null
                        ? ""
                        : String.join(" ", product.attributes().values()),
                Field.Store.NO));
        doc.add(new TextField("description", nullToEmpty(product.description()), Field.Store.NO));
        try {
            writer.updateDocument(new Term(ID, product.id()), doc);
            changed.set(true);
        } catch (IOException e) {
            throw new UncheckedIOException("product " + product.id() + " could not be indexed", e);
        }
    }

    /** The best {@code max} matches of a shopper's query, optionally within a top category. */
    public List<Hit> search(String text, String topCategory, int max) {
        Query parsed = new SimpleQueryParser(analyzer, FIELDS).parse(text);
        Query query = topCategory == null
                ? parsed
                : new BooleanQuery.Builder()
                        .add(parsed, BooleanClause.Occur.MUST)
                        .add(new TermQuery(new Term(TOP_CATEGORY, topCategory)), BooleanClause.Occur.FILTER)
                        .build();
        try {
            if (changed.getAndSet(false)) {
                searchers.maybeRefreshBlocking();
            }
            IndexSearcher searcher = searchers.acquire();
            try {
                TopDocs top = searcher.search(query, max);
                List<Hit> hits = new ArrayList<>(top.scoreDocs.length);
                var stored = searcher.storedFields();
                for (ScoreDoc doc : top.scoreDocs) {
                    hits.add(new Hit(stored.document(doc.doc).get(ID), doc.score));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("search failed", e);
        }
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }

    @PreDestroy
    void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
