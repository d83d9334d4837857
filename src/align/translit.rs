//! Cross-script name matching: Arabic and Latin words reduced to a common
//! consonant skeleton.
//!
//! Names are the strongest evidence two sentences in different scripts say
//! the same thing, and they are transliterated rather than translated
//! (ترمب / Trump, بيونغ يانغ / Pyongyang). Vowels are written unreliably in
//! both directions (Arabic omits short vowels; English spells them many
//! ways), so both sides are mapped to consonant *classes* — letters that
//! transliterations confuse share a class (p/b, g/k/q, s/z, d/ḍ, …) — and
//! vowels and glides are dropped. Skeletons are then compared with
//! Jaro–Winkler similarity (`strsim`), which tolerates the remaining
//! differences (an extra or missing consonant near the end).

/// Consonant-class skeleton of an Arabic word (already normalised: no
/// diacritics, hamza-carrying alifs folded to ا).
pub fn arabic_skeleton(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        let class = match c {
            'ب' | 'پ' => 'B',
            'ت' | 'ط' | 'ث' => 'T',
            'د' | 'ض' | 'ذ' => 'D',
            'س' | 'ص' | 'ز' | 'ظ' => 'S',
            'ش' => 'C',
            'ج' | 'چ' => 'J',
            'ك' | 'ق' | 'غ' | 'گ' | 'خ' => 'K',
            'ف' | 'ڤ' => 'F',
            'ل' => 'L',
            'م' => 'M',
            'ن' => 'N',
            'ر' => 'R',
            'ه' | 'ح' => 'H',
            // Long vowels, glides, hamza, ʿayn and tāʾ marbūṭa carry no
            // consonant that Latin spellings keep reliably.
            _ => continue,
        };
        out.push(class);
    }
    out
}

/// Consonant-class skeleton of a Latin word (lowercased).
pub fn latin_skeleton(word: &str) -> String {
    let lower: Vec<char> = word
        .chars()
        .map(|c| fold_latin(c.to_ascii_lowercase()))
        .collect();
    let mut out = String::with_capacity(lower.len());
    let mut i = 0;
    while i < lower.len() {
        let c = lower[i];
        let next = lower.get(i + 1).copied().unwrap_or(' ');
        // Digraphs that stand for one Arabic letter.
        let (class, step) = match (c, next) {
            ('s', 'h') | ('c', 'h') => (Some('C'), 2),
            ('k', 'h') | ('g', 'h') => (Some('K'), 2),
            ('t', 'h') => (Some('T'), 2),
            ('p', 'h') => (Some('F'), 2),
            ('c', 'k') => (Some('K'), 2),
            ('n', 'g') => (Some('N'), 1),
            _ => (
                match c {
                    'b' | 'p' => Some('B'),
                    't' => Some('T'),
                    'd' => Some('D'),
                    's' | 'z' => Some('S'),
                    'c' if matches!(next, 'e' | 'i' | 'y') => Some('S'),
                    'c' | 'k' | 'q' | 'g' => Some('K'),
                    'x' => {
                        out.push('K');
                        Some('S')
                    }
                    'j' => Some('J'),
                    'f' | 'v' => Some('F'),
                    'l' => Some('L'),
                    'm' => Some('M'),
                    'n' => Some('N'),
                    'r' => Some('R'),
                    'h' => Some('H'),
                    _ => None,
                },
                1,
            ),
        };
        if let Some(k) = class {
            // Doubled consonants are one in Arabic script.
            if !out.ends_with(k) {
                out.push(k);
            }
        }
        i += step;
    }
    out
}

/// Strips Latin diacritics that matter for matching (é → e).
fn fold_latin(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ç' => 'c',
        'ñ' => 'n',
        'ß' => 's',
        'À' | 'Á' | 'Â' | 'Ä' => 'a',
        'É' | 'È' | 'Ê' => 'e',
        'Ö' | 'Ó' => 'o',
        'Ü' | 'Ú' => 'u',
        _ => c,
    }
}

/// Similarity in [0, 1] of two skeletons: Jaro–Winkler, with a guard that
/// one-consonant skeletons never match anything but themselves.
pub fn skeleton_similarity(a: &str, b: &str) -> f64 {
    if a.len() < 2 || b.len() < 2 {
        return if a == b && !a.is_empty() { 1.0 } else { 0.0 };
    }
    strsim::jaro_winkler(a, b)
}

/// A cheap upper bound on [`skeleton_similarity`], to skip pairs that
/// cannot reach a threshold without computing Jaro–Winkler (name matching
/// compares every Arabic word of a document with every capitalised Latin
/// one that starts alike; most pairs share few letters).
///
/// Jaro's matches `m` are at most the letters the two share, counted as
/// multisets (`c`), so `J ≤ (c/|a| + c/|b| + 1) / 3`; Winkler's bonus
/// (strsim: only above 0.7, a common prefix of at most 4) gives at most
/// `J + 0.4·(1 − J) = 0.4 + 0.6·J`, which is also above `J` itself.
pub fn similarity_upper_bound(a: &str, b: &str) -> f64 {
    if a.len() < 2 || b.len() < 2 || !a.is_ascii() || !b.is_ascii() {
        // Not skeletons of the usual kind: no shortcut.
        return 1.0;
    }
    // Counted by the low five bits: the skeleton classes are capitals,
    // which those tell apart, and two other bytes sharing a count can only
    // raise `c`, so the bound stays a bound. (A table of 128 counts to
    // clear was a third of this function's work.)
    let mut counts = [0i32; 32];
    for &x in a.as_bytes() {
        counts[usize::from(x & 31)] += 1;
    }
    let mut common = 0usize;
    for &x in b.as_bytes() {
        let k = &mut counts[usize::from(x & 31)];
        if *k > 0 {
            *k -= 1;
            common += 1;
        }
    }
    if common == 0 {
        return 0.0;
    }
    let c = common as f64;
    let jaro = (c / a.len() as f64 + c / b.len() as f64 + 1.0) / 3.0;
    0.4 + 0.6 * jaro.min(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bound_is_never_below_the_similarity() {
        // Every pair of skeletons of 2 to 5 letters from a small alphabet,
        // so that shared letters, transpositions and prefixes all occur.
        let letters = ["B", "T", "K", "L", "M"];
        let mut words = vec![String::new()];
        for _ in 0..4 {
            let next: Vec<String> = words
                .iter()
                .flat_map(|w| letters.iter().map(move |l| format!("{w}{l}")))
                .collect();
            words.extend(next);
            words.sort();
            words.dedup();
        }
        let words: Vec<&String> = words.iter().filter(|w| w.len() >= 2).collect();
        for a in words.iter().step_by(7) {
            for b in &words {
                let (exact, bound) = (skeleton_similarity(a, b), similarity_upper_bound(a, b));
                assert!(bound + 1e-12 >= exact, "{a} {b}: {exact} > {bound}");
            }
        }
    }

    fn sim(ar: &str, en: &str) -> f64 {
        skeleton_similarity(&arabic_skeleton(ar), &latin_skeleton(en))
    }

    #[test]
    fn names_from_the_sample_match_their_transliterations() {
        for (ar, en) in [
            ("ترمب", "Trump"),
            ("كيم", "Kim"),
            ("جونغ", "Jong"),
            ("سنغافورة", "Singapore"),
            ("واشنطن", "Washington"),
            ("فيتنام", "Vietnam"),
            ("بانمونجوم", "Panmunjom"),
            ("هانوي", "Hanoi"),
        ] {
            assert!(sim(ar, en) >= 0.85, "{ar} / {en}: {}", sim(ar, en));
        }
    }

    #[test]
    fn unrelated_words_do_not_match() {
        for (ar, en) in [
            ("ترمب", "Seoul"),
            ("كيم", "Washington"),
            ("سنغافورة", "Trump"),
        ] {
            assert!(sim(ar, en) < 0.8, "{ar} / {en}: {}", sim(ar, en));
        }
    }
}
