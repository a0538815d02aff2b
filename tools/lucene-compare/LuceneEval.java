// The Lucene side of the seven-kinds search evaluation (docs/SEARCH_EVAL.md).
//
// Usage: java LuceneEval corpus.tsv queries.tsv > answers.tsv   (see eval.sh)
//
// corpus.tsv:  id TAB title TAB body   (\\ \t \n \r escaped), written by examples/search-eval.rs
// queries.tsv: kind TAB wanted TAB query TAB note
// answers.tsv: query number (0-based) TAB total hits TAB top-5 ids separated by spaces
//
// Index (in memory, BM25 with Lucene's defaults):
//   title, body            SoraniAnalyzer() as shipped (its stopword set included)
//   title_norm, body_norm  the same chain without the stemmer and stopwords:
//                          StandardTokenizer, SoraniNormalizationFilter, LowerCaseFilter, DecimalDigitFilter
// Query, mirroring hewal's semantics (src/search/query/mod.rs):
//   every complete word (followed by whitespace) is analysed with SoraniAnalyzer and each of its
//   terms is required, in title (boost 2.5, hewal's TITLE_BOOST) or body; a word the analyzer
//   drops (a stopword) adds nothing;
//   the last word, when no whitespace follows it, is required as either its analysed terms or a
//   PrefixQuery on its normalised (not stemmed) form in title_norm (2.5) or body_norm, when that
//   form has two characters or more (hewal's MIN_PREFIX_CHARS).
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.ByteBuffersDirectory;

public class LuceneEval {
    static final float TITLE_BOOST = 2.5f;
    static final int MIN_PREFIX_CHARS = 2;
    static final int TOP = 5;

    static final Analyzer STEMMED = new SoraniAnalyzer();
    static final Analyzer NORMALISED = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = new SoraniNormalizationFilter(source);
            ts = new LowerCaseFilter(ts);
            ts = new DecimalDigitFilter(ts);
            return new TokenStreamComponents(source, ts);
        }
    };

    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(n == 't' ? '\t' : n == 'n' ? '\n' : n == 'r' ? '\r' : n);
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    static List<String> terms(Analyzer a, String field, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream(field, text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return out;
    }

    static Query either(Query title, Query body) {
        return new BooleanQuery.Builder()
                .add(new BoostQuery(title, TITLE_BOOST), Occur.SHOULD)
                .add(body, Occur.SHOULD)
                .build();
    }

    /** The required clauses of a complete word, or none when the analyzer drops it. */
    static List<Query> word(String w) throws Exception {
        List<Query> out = new ArrayList<>();
        for (String t : terms(STEMMED, "body", w)) {
            out.add(either(new TermQuery(new Term("title", t)), new TermQuery(new Term("body", t))));
        }
        return out;
    }

    static Query build(String input) throws Exception {
        String[] parts = input.trim().split("\\s+");
        boolean partialLast = !input.isEmpty() && !Character.isWhitespace(input.charAt(input.length() - 1));
        BooleanQuery.Builder q = new BooleanQuery.Builder();
        int clauses = 0;
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty()) {
                continue;
            }
            if (i == parts.length - 1 && partialLast) {
                BooleanQuery.Builder alts = new BooleanQuery.Builder();
                int n = 0;
                List<Query> whole = word(parts[i]);
                if (!whole.isEmpty()) {
                    BooleanQuery.Builder all = new BooleanQuery.Builder();
                    for (Query c : whole) {
                        all.add(c, Occur.MUST);
                    }
                    alts.add(all.build(), Occur.SHOULD);
                    n++;
                }
                List<String> norm = terms(NORMALISED, "body_norm", parts[i]);
                if (!norm.isEmpty()) {
                    String p = norm.get(norm.size() - 1);
                    if (p.codePointCount(0, p.length()) >= MIN_PREFIX_CHARS) {
                        alts.add(either(new PrefixQuery(new Term("title_norm", p)), new PrefixQuery(new Term("body_norm", p))),
                                Occur.SHOULD);
                        n++;
                    }
                }
                if (n > 0) {
                    q.add(alts.build(), Occur.MUST);
                    clauses++;
                }
            } else {
                for (Query c : word(parts[i])) {
                    q.add(c, Occur.MUST);
                    clauses++;
                }
            }
        }
        return clauses == 0 ? null : q.build();
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, "UTF-8");
        Map<String, Analyzer> perField = new HashMap<>();
        perField.put("title_norm", NORMALISED);
        perField.put("body_norm", NORMALISED);
        ByteBuffersDirectory dir = new ByteBuffersDirectory();
        IndexWriterConfig cfg = new IndexWriterConfig(new PerFieldAnalyzerWrapper(STEMMED, perField));
        cfg.setRAMBufferSizeMB(256);
        try (IndexWriter w = new IndexWriter(dir, cfg);
                BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(args[0]), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                if (f.length < 3) {
                    continue;
                }
                String title = unescape(f[1]), body = unescape(f[2]);
                Document d = new Document();
                d.add(new StringField("id", unescape(f[0]), Field.Store.YES));
                d.add(new TextField("title", title, Field.Store.NO));
                d.add(new TextField("body", body, Field.Store.NO));
                d.add(new TextField("title_norm", title, Field.Store.NO));
                d.add(new TextField("body_norm", body, Field.Store.NO));
                w.addDocument(d);
            }
        }
        try (DirectoryReader reader = DirectoryReader.open(dir);
                BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(args[1]), StandardCharsets.UTF_8))) {
            IndexSearcher s = new IndexSearcher(reader);
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", -1);
                Query q = f.length >= 3 ? build(unescape(f[2])) : null;
                StringBuilder ids = new StringBuilder();
                long total = 0;
                if (q != null) {
                    TopDocs top = s.search(q, TOP);
                    total = top.totalHits.value;
                    for (ScoreDoc sd : top.scoreDocs) {
                        if (ids.length() > 0) {
                            ids.append(' ');
                        }
                        ids.append(s.doc(sd.doc).get("id"));
                    }
                }
                out.println(n + "\t" + total + "\t" + ids);
                n++;
            }
        }
        out.flush();
    }
}
