//! An anchored, ASCII case-insensitive trie of gazetteer names.
//!
//! The matcher only needs the names that *start* at a given position of the
//! folded text (every occurrence starting elsewhere fails the whole-word
//! check), so no failure links are needed: a walk from the root along the
//! text reports each name it passes, shortest first. Building it is a single
//! pass over the names, far cheaper than a full Aho-Corasick automaton.

/// One trie node: its outgoing edges and the names ending at it, as ranges
/// of the flat arrays of [`NameTrie`].
#[derive(Debug, Clone, Copy, Default)]
struct Node {
    edges: u32,
    edge_count: u32,
    matches: u32,
    match_count: u32,
}

/// The names, lowercased (ASCII), in a trie walked from a start position.
#[derive(Debug)]
pub(crate) struct NameTrie {
    /// Child of the root by (lowercased) byte; `0` for none (the root is
    /// never a child).
    root: Box<[u32; 256]>,
    nodes: Vec<Node>,
    /// Edge labels (lowercased bytes) and targets, grouped by node, sorted
    /// by label within a node.
    edge_bytes: Vec<u8>,
    edge_targets: Vec<u32>,
    /// Pattern indexes ending at each node, in pattern order.
    matches: Vec<u32>,
}

impl NameTrie {
    /// Builds the trie of `names`; pattern `i` is the `i`-th name.
    pub(crate) fn new<'a>(names: impl IntoIterator<Item = &'a str>) -> NameTrie {
        // Build with per-node child lists, then flatten.
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut ends: Vec<Vec<u32>> = vec![Vec::new()];
        for (pattern, name) in names.into_iter().enumerate() {
            let mut node = 0usize;
            for &b in name.as_bytes() {
                let b = b.to_ascii_lowercase();
                node = match children[node].iter().find(|(l, _)| *l == b) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = children.len();
                        children.push(Vec::new());
                        ends.push(Vec::new());
                        children[node].push((b, next as u32));
                        next
                    }
                };
            }
            ends[node].push(pattern as u32);
        }
        let mut root = Box::new([0u32; 256]);
        for &(b, next) in &children[0] {
            root[b as usize] = next;
        }
        let mut nodes = Vec::with_capacity(children.len());
        let mut edge_bytes = Vec::new();
        let mut edge_targets = Vec::new();
        let mut matches = Vec::new();
        for (mut edges, names) in children.into_iter().zip(ends) {
            edges.sort_unstable_by_key(|&(b, _)| b);
            nodes.push(Node {
                edges: edge_bytes.len() as u32,
                edge_count: edges.len() as u32,
                matches: matches.len() as u32,
                match_count: names.len() as u32,
            });
            for (b, next) in edges {
                edge_bytes.push(b);
                edge_targets.push(next);
            }
            matches.extend(names);
        }
        NameTrie {
            root,
            nodes,
            edge_bytes,
            edge_targets,
            matches,
        }
    }

    /// Whether some name starts with byte `b` (ASCII case folded).
    #[inline]
    pub(crate) fn starts_with_byte(&self, b: u8) -> bool {
        self.root[b.to_ascii_lowercase() as usize] != 0
    }

    /// Calls `found(pattern, end)` for every name that `hay` holds at
    /// `start` (ASCII case-insensitively), shorter names first, names of
    /// equal length in pattern order. An empty name (none is ever loaded:
    /// names are trimmed and non-empty) would not be reported.
    #[inline]
    pub(crate) fn each_at(&self, hay: &[u8], start: usize, mut found: impl FnMut(usize, usize)) {
        let Some(&first) = hay.get(start) else {
            return;
        };
        let mut node = self.root[first.to_ascii_lowercase() as usize] as usize;
        if node == 0 {
            return;
        }
        let mut end = start + 1;
        loop {
            let n = self.nodes[node];
            for &p in &self.matches[n.matches as usize..(n.matches + n.match_count) as usize] {
                found(p as usize, end);
            }
            let Some(&b) = hay.get(end) else {
                return;
            };
            let b = b.to_ascii_lowercase();
            let from = n.edges as usize;
            let labels = &self.edge_bytes[from..from + n.edge_count as usize];
            match labels.iter().position(|&l| l == b) {
                Some(k) => node = self.edge_targets[from + k] as usize,
                None => return,
            }
            end += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::NameTrie;

    #[test]
    fn reports_every_name_at_a_start() {
        let t = NameTrie::new(["Qwen", "Qwen 2.5", "qwen 2.5-Max", "QWEN", "Meta"]);
        let hay = b"x qwen 2.5-max";
        let mut got = Vec::new();
        t.each_at(hay, 2, |p, e| got.push((p, e)));
        assert_eq!(got, [(0, 6), (3, 6), (1, 10), (2, 14)]);
        let mut none = Vec::new();
        t.each_at(hay, 3, |p, e| none.push((p, e)));
        assert!(none.is_empty());
        assert!(t.starts_with_byte(b'Q') && !t.starts_with_byte(b' '));
    }
}
