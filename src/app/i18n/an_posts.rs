//! The posts tab and the import dialog of posts and comments, in both
//! languages.

use super::Lang;

pub struct PostsStrings {
    pub title: &'static str,
}

pub fn strings(lang: Lang) -> &'static PostsStrings {
    match lang {
        Lang::En => &EN,
        Lang::Fa => &FA,
    }
}

pub const EN: PostsStrings = PostsStrings { title: "Posts" };

pub const FA: PostsStrings = PostsStrings {
    title: "پست‌ها"
};
