//! The starter code system of the monitoring strand, after the paper's
//! categories: eight post types; comments related to the post (criticism,
//! suggestion, question, support), unrelated (complaints, grievances,
//! disrespect) or neutral; and the managers' responses. Offered on import
//! and added as ordinary codes, which the user then edits like any other.

use crate::edit::{Command, Step, palette_color};
use crate::model::{Code, CodeId, Project};

/// A node: Persian name, English name, children.
struct Node(&'static str, &'static str, &'static [Node]);

const TREE: &[Node] = &[
    Node(
        "انواع پست",
        "Post types",
        &[
            Node("پست‌های مناسبتی", "Occasion posts", &[]),
            Node("پست‌های شخصی", "Personal posts", &[]),
            Node(
                "بیان دیدگاه‌های سیاسی و اجتماعی",
                "Political and social views",
                &[],
            ),
            Node("اطلاع‌رسانی رویدادها", "Announcing events", &[]),
            Node(
                "اطلاع‌رسانی از اقدام‌های انجام‌شده",
                "Reporting actions taken",
                &[],
            ),
            Node(
                "اطلاع‌رسانی از پروژه‌های جدید در دست انجام",
                "New projects under way",
                &[],
            ),
            Node(
                "فراخوان گردآوری نظرها و ایده‌های شهروندان",
                "Calls for citizens' ideas",
                &[],
            ),
            Node("گزارش جلسه‌های مردمی", "Reports of public meetings", &[]),
        ],
    ),
    Node(
        "نظرهای شهروندان",
        "Citizens' comments",
        &[
            Node(
                "نظرهای مرتبط با محتوای پست",
                "Related to the post",
                &[
                    Node("انتقاد", "Criticism", &[]),
                    Node("پیشنهاد", "Suggestion", &[]),
                    Node("طرح پرسش", "Question", &[]),
                    Node("حمایت و تشکر", "Support and thanks", &[]),
                ],
            ),
            Node(
                "نظرهای نامرتبط",
                "Unrelated to the post",
                &[
                    Node("بیان شکایت‌ها", "Complaints", &[]),
                    Node("گلایه‌ها", "Grievances", &[]),
                    Node("بی‌احترامی", "Disrespect", &[]),
                ],
            ),
            Node("نظرهای خنثی", "Neutral", &[]),
        ],
    ),
    Node(
        "پاسخگویی مدیران",
        "Managers' responses",
        &[
            Node(
                "پاسخگویی به نظرهای شهروندان",
                "Replying to citizens' comments",
                &[],
            ),
            Node("مباحثه در بخش نظرها", "Debate in the comments", &[]),
        ],
    ),
];

/// Names of the post types, in the paper's order (tests and charts).
pub fn post_types(persian: bool) -> Vec<&'static str> {
    TREE[0]
        .2
        .iter()
        .map(|n| if persian { n.0 } else { n.1 })
        .collect()
}

/// The names of the top-level codes.
pub fn roots(persian: bool) -> Vec<&'static str> {
    TREE.iter()
        .map(|n| if persian { n.0 } else { n.1 })
        .collect()
}

/// Is the starter code system (in either language) already in the
/// project? Then it is not offered again.
pub fn present(p: &Project) -> bool {
    let has = |name: &str| {
        p.roots
            .iter()
            .any(|r| p.codes.get(r).is_some_and(|c| c.name == name))
    };
    TREE.iter().any(|n| has(n.0) || has(n.1))
}

/// The command that adds the starter codes at the end of the tree, in
/// Persian or English; one undo step. A top-level code of the same name
/// is left as it is and its part is not added again. None when all are
/// there.
pub fn command(p: &Project, persian: bool) -> Option<Command> {
    let mut cmds = Vec::new();
    let mut colour = p.codes.len();
    for node in TREE {
        let name = if persian { node.0 } else { node.1 };
        let taken = p
            .roots
            .iter()
            .any(|r| p.codes.get(r).is_some_and(|c| c.name == name));
        if !taken {
            add(node, None, persian, &mut colour, &mut cmds);
        }
    }
    (!cmds.is_empty()).then_some(Command::Batch {
        label: Step::AddSocialCodes,
        commands: cmds,
    })
}

fn add(
    node: &Node,
    parent: Option<CodeId>,
    persian: bool,
    colour: &mut usize,
    cmds: &mut Vec<Command>,
) {
    let code = Code::new(
        if persian { node.0 } else { node.1 },
        palette_color(*colour),
    );
    *colour += 1;
    let id = code.id;
    cmds.push(Command::InsertCodes {
        parent,
        index: usize::MAX,
        codes: vec![code],
        codings: vec![],
        memos: vec![],
    });
    for child in node.2 {
        add(child, Some(id), persian, colour, cmds);
    }
}
