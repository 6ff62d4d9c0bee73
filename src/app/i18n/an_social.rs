//! The Social media menu and the indices tab, in both languages (the posts
//! tab and the import dialog have theirs in `an_posts.rs`).

use super::Lang;

pub struct SocialStrings {
    pub menu: &'static str,
    pub menu_import: &'static str,
    /// The menu's entries that need posts, when there are none.
    pub no_posts_yet: &'static str,
    pub group_by: &'static str,
    pub by_network: &'static str,
    pub by_role: &'static str,
    pub by_network_role: &'static str,
    pub by_account: &'static str,
    pub chart_measure: &'static str,
    pub chart_indices: &'static str,
    pub chart_post_types: &'static str,
    pub chart_comments: &'static str,
    pub formula_note: &'static str,
    pub no_post_types: &'static str,
}

pub fn strings(lang: Lang) -> &'static SocialStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: SocialStrings = SocialStrings {
    menu: "Social media",
    menu_import: "Import posts and comments…",
    no_posts_yet: "No posts yet: import them first.",
    group_by: "By",
    by_network: "network",
    by_role: "role",
    by_network_role: "network and role",
    by_account: "account",
    chart_measure: "Chart:",
    chart_indices: "Indices per group",
    chart_post_types: "Post types",
    chart_comments: "Comment categories",
    formula_note: "Bonsón et al. (2017), per account over its posts in its period, then the mean of the accounts. P3 = 1000 × likes per post ÷ followers; C3 and V3 likewise with comments and shares; E = P3 + C3 + V3.",
    no_post_types: "Code the posts with the post types (the import of posts offers them) to see this chart.",
};

pub const FA: SocialStrings = SocialStrings {
    menu: "شبکه‌های اجتماعی",
    menu_import: "وارد کردن پست‌ها و نظرها…",
    no_posts_yet: "هنوز پستی نیست: نخست آن‌ها را وارد کنید.",
    group_by: "بر پایهٔ",
    by_network: "شبکه",
    by_role: "نقش",
    by_network_role: "شبکه و نقش",
    by_account: "حساب",
    chart_measure: "نمودار:",
    chart_indices: "شاخص‌ها در هر گروه",
    chart_post_types: "انواع پست",
    chart_comments: "دسته‌های نظر",
    formula_note: "بونسون و همکاران (۲۰۱۷)، برای هر حساب روی پست‌هایش در دورهٔ پایش، سپس میانگینِ حساب‌ها. P3 = ۱۰۰۰ × پسند در هر پست ÷ دنبال‌کنندگان؛ C3 و V3 به همین شیوه با نظر و بازنشر؛ E = P3 + C3 + V3.",
    no_post_types: "برای دیدن این نمودار، پست‌ها را با انواع پست کدگذاری کنید (وارد کردن در منوی شبکه‌های اجتماعی آن‌ها را پیشنهاد می‌کند).",
};
