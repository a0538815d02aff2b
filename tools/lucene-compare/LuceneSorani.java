// Prints Lucene's Sorani analysis of each input line.
//
// Input: one word (or short text) per line on stdin, UTF-8.
// Output: line <TAB> normalised <TAB> stemmed, where
//   normalised = StandardTokenizer + SoraniNormalizationFilter + LowerCaseFilter + DecimalDigitFilter
//   stemmed    = SoraniAnalyzer with an empty stopword set (the same chain + SoraniStemFilter)
// Several tokens are joined with a space; no token prints as the empty string.
//
// Build and run: see run.sh.
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.ckb.SoraniAnalyzer;
import org.apache.lucene.analysis.ckb.SoraniNormalizationFilter;
import org.apache.lucene.analysis.core.DecimalDigitFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;

public class LuceneSorani {
    static String analyze(Analyzer a, String text) throws Exception {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = a.tokenStream("f", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term.toString());
            }
            ts.end();
        }
        return String.join(" ", out);
    }

    public static void main(String[] args) throws Exception {
        Analyzer normOnly = new Analyzer() {
            @Override
            protected TokenStreamComponents createComponents(String field) {
                Tokenizer src = new StandardTokenizer();
                TokenStream ts = new SoraniNormalizationFilter(src);
                ts = new LowerCaseFilter(ts);
                ts = new DecimalDigitFilter(ts);
                return new TokenStreamComponents(src, ts);
            }
        };
        Analyzer stemmed = new SoraniAnalyzer(CharArraySet.EMPTY_SET);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        PrintStream out = new PrintStream(System.out, true, "UTF-8");
        String line;
        while ((line = in.readLine()) != null) {
            out.println(line + "\t" + analyze(normOnly, line) + "\t" + analyze(stemmed, line));
        }
    }
}
