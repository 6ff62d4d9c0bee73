//! The posts tab and the import dialog of posts and comments, in both
//! languages.

use super::Lang;

pub struct PostsStrings {
    pub title: &'static str,
    // The Posts tab.
    pub accounts: &'static str,
    pub all: &'static str,
    pub none: &'static str,
    pub post: &'static str,
    pub account: &'static str,
    pub network: &'static str,
    pub date: &'static str,
    pub likes: &'static str,
    pub comments: &'static str,
    pub shares: &'static str,
    pub views: &'static str,
    pub post_type: &'static str,
    pub sort_hint: &'static str,
    /// A row's hover text.
    pub open_hint: &'static str,
    pub none_ticked: &'static str,
    pub no_posts: &'static str,
    /// "{posts} of {accounts}", each a count with its noun.
    pub footer: &'static str,
    /// A noun after 1, then after any other count (the same in Persian).
    pub post_nouns: [&'static str; 2],
    pub account_nouns: [&'static str; 2],
    pub comment_nouns: [&'static str; 2],
    pub reply_nouns: [&'static str; 2],
    /// Between the names of codes on a post's line.
    pub list_sep: &'static str,
    // The import dialog.
    pub import_title: &'static str,
    pub import_intro: &'static str,
    pub accounts_file: &'static str,
    pub posts_file: &'static str,
    pub comments_file: &'static str,
    pub choose: &'static str,
    pub columns: &'static str,
    pub starter: &'static str,
    pub starter_present: &'static str,
    pub import: &'static str,
    pub need_files: &'static str,
    /// The status line after an import: {posts}, {comments}, {replies},
    /// {accounts} are counts with their nouns.
    pub imported: &'static str,
    // The file browser, choosing one of the three files.
    pub fb_choose: &'static str,
    pub filter_csv: &'static str,
}

pub fn strings(lang: Lang) -> &'static PostsStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: PostsStrings = PostsStrings {
    title: "Posts",
    accounts: "Accounts",
    all: "All",
    none: "None",
    post: "Post",
    account: "Account",
    network: "Network",
    date: "Date",
    likes: "Likes",
    comments: "Comments",
    shares: "Shares",
    views: "Views",
    post_type: "Post type",
    sort_hint: "Click a column's name to sort by it, again to reverse.",
    open_hint: "Open the post and its comments, the post's line selected to code its type",
    none_ticked: "No account is ticked.",
    no_posts: "The ticked accounts have no posts in their periods.",
    footer: "{posts} of {accounts}",
    post_nouns: ["post", "posts"],
    account_nouns: ["account", "accounts"],
    comment_nouns: ["comment", "comments"],
    reply_nouns: ["manager's reply", "managers' replies"],
    list_sep: ", ",
    import_title: "Import posts and comments",
    import_intro: "Three CSV files: the monitored accounts, their posts and, if you have them, the comments. Each post becomes a document named by its post_id: the post on line 1, then one line per comment (author: text), a manager's reply as the manager's line. A bad row refuses the whole import.",
    accounts_file: "Accounts file (CSV)",
    posts_file: "Posts file (CSV)",
    comments_file: "Comments file (CSV, optional)",
    choose: "Choose…",
    columns: "Columns:",
    starter: "Add the starter codes for post types, comment categories and managers' responses",
    starter_present: "The starter codes for post types and comments are already in the project.",
    import: "Import",
    need_files: "Give the accounts file and the posts file first.",
    imported: "Imported {posts} with {comments} ({replies}) of {accounts}",
    fb_choose: "Choose",
    filter_csv: "CSV tables",
};

pub const FA: PostsStrings = PostsStrings {
    title: "پست‌ها",
    accounts: "حساب‌ها",
    all: "همه",
    none: "هیچ‌کدام",
    post: "پست",
    account: "حساب",
    network: "شبکه",
    date: "تاریخ",
    likes: "پسندها",
    comments: "نظرها",
    shares: "بازنشرها",
    views: "بازدیدها",
    post_type: "نوع پست",
    sort_hint: "برای مرتب کردن بر پایهٔ یک ستون روی نامش کلیک کنید؛ کلیک دوباره ترتیب را وارونه می‌کند.",
    open_hint: "باز کردن پست و نظرهایش، با سطر پست برگزیده برای کدگذاری نوعش",
    none_ticked: "هیچ حسابی برگزیده نشده است.",
    no_posts: "حساب‌های برگزیده در دورهٔ پایش خود پستی ندارند.",
    footer: "{posts} از {accounts}",
    post_nouns: ["پست", "پست"],
    account_nouns: ["حساب", "حساب"],
    comment_nouns: ["نظر", "نظر"],
    reply_nouns: ["پاسخ مدیر", "پاسخ مدیر"],
    list_sep: "، ",
    import_title: "وارد کردن پست‌ها و نظرها",
    import_intro: "سه پروندهٔ CSV: حساب‌های پایش‌شده، پست‌هایشان و، اگر دارید، نظرها. هر پست سندی می‌شود به نام post_id خودش: پست در سطر ۱، سپس هر نظر در یک سطر (نویسنده: متن) و پاسخ مدیر به نام حساب همان مدیر. یک سطر نادرست کل ورود را بازمی‌دارد.",
    accounts_file: "پروندهٔ حساب‌ها (CSV)",
    posts_file: "پروندهٔ پست‌ها (CSV)",
    comments_file: "پروندهٔ نظرها (CSV، اختیاری)",
    choose: "انتخاب…",
    columns: "ستون‌ها:",
    starter: "افزودن کدهای آغازین برای انواع پست، دسته‌های نظر و پاسخگویی مدیران",
    starter_present: "کدهای آغازین انواع پست و نظرها از پیش در پروژه هستند.",
    import: "وارد کردن",
    need_files: "نخست پروندهٔ حساب‌ها و پروندهٔ پست‌ها را بدهید.",
    imported: "{posts} با {comments} ({replies}) از {accounts} وارد شد",
    fb_choose: "انتخاب",
    filter_csv: "جدول‌های CSV",
};

impl PostsStrings {
    /// A count with its noun: "1 post", "8 posts", «۸ پست».
    pub fn count(&self, loc: super::Locale, n: usize, nouns: [&'static str; 2]) -> String {
        let noun = if n == 1 { nouns[0] } else { nouns[1] };
        format!("{} {noun}", loc.num(n))
    }
}
