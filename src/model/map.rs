//! Maps: the study's model figures (a category with its subcategories and
//! codes, or conditions → strategies → consequences) as nodes and
//! labelled, directed links; and the positions of the code cards of the
//! creative-coding canvas. A node tied to a code shows the code as it is
//! now (renamed, recoloured, counted); one whose code was deleted is shown
//! as missing, never dropped.

use super::ids::{CodeId, DocId, MapId, MemoId, NodeId};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A point on a canvas, in canvas units (1 = one point at 100 %).
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Pos {
    pub x: f32,
    pub y: f32,
}

impl Pos {
    pub fn new(x: f32, y: f32) -> Self {
        Pos { x, y }
    }
}

/// What a node stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum NodeKind {
    /// A code, subcategory or category (its level follows from the tree).
    Code(CodeId),
    Memo(MemoId),
    Document(DocId),
    /// A free text box.
    Text(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Node {
    pub id: NodeId,
    pub kind: NodeKind,
    /// Its centre.
    pub pos: Pos,
}

/// A directed link, labelled ("leads to", "condition of", "strategy").
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub from: NodeId,
    pub to: NodeId,
    #[serde(default)]
    pub label: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Map {
    pub id: MapId,
    pub name: String,
    #[serde(default)]
    pub nodes: Vec<Node>,
    #[serde(default)]
    pub links: Vec<Link>,
    /// Show each code node's count of codings (a figure for print may leave
    /// them out).
    #[serde(default = "yes")]
    pub counts: bool,
}

fn yes() -> bool {
    true
}

impl Map {
    pub fn new(name: impl Into<String>) -> Self {
        Map {
            id: MapId::new(),
            name: name.into(),
            nodes: Vec::new(),
            links: Vec::new(),
            counts: true,
        }
    }

    pub fn node(&self, id: NodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.id == id)
    }

    /// The node of this code, if the map has one.
    pub fn node_of_code(&self, code: CodeId) -> Option<&Node> {
        self.nodes.iter().find(|n| n.kind == NodeKind::Code(code))
    }
}

/// The creative-coding canvas: where each code's card was put (codes never
/// placed are laid out in order).
pub type Cards = BTreeMap<CodeId, Pos>;

impl super::Project {
    pub fn map(&self, id: MapId) -> Option<&Map> {
        self.maps.iter().find(|m| m.id == id)
    }

    pub fn map_by_name(&self, name: &str) -> Option<&Map> {
        self.maps.iter().find(|m| m.name == name)
    }
}
