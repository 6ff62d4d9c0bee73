#!/usr/bin/env bash
# Rebuilds projects/demo.strata from the transcripts, variables and the
# study's hierarchy, through the strata CLI (the same commands as the GUI).
# Usage: projects/build-demo.sh [path/to/strata]
set -euo pipefail
cd "$(dirname "$0")"
S=${1:-../target/release/strata}
out=demo.strata
rm -f "$out" "$out.bak"
"$S" new "$out" --name "Tehran city managers & social media (demo)" --persian-levels
"$S" codebook "$out" demo/hierarchy.tsv
"$S" import "$out" demo/transcripts/P0{1,2,3,4,5,6}.txt
"$S" import "$out" demo/transcripts/P07-en.txt
"$S" vars "$out" --csv demo/variables.csv
code() { "$S" code "$out" --document "$1" --lines "$2" --code "$3" --coder "$4"; }
# Coder 1: سارا
code P01 4 "تطمیع و تهدید خبرنگاران و فعالان شهری" "سارا"
code P01 4 "محروم کردن رسانه‌ها و سازمان‌های مردم‌نهاد منتقد" "سارا"
code P01 6 "افشاگری و فراگیری اخبار" "سارا"
code P01 7 "کنترل رسانه‌ها باهدف انتشار صرف اقدام‌های مثبت" "سارا"
code P01 9 "تبلیغات باهدف پنهان کردن حقایق" "سارا"
code P01 11 "عدم تحمل نظرهای انتقادی در شبکه‌های اجتماعی" "سارا"
code P01 11-12 "تطمیع و تهدید خبرنگاران و فعالان شهری" "سارا"
code P02 2 "شبکه‌های اجتماعی ابزار در دسترس برای ارتباط با مدیران شهری" "سارا"
code P02 4 "نبود سازوکارهای مشارکتی در نظام مدیریت شهری" "سارا"
code P02 4 "برخوردهای سلیقه‌ای با ابزارهای مشارکتی" "سارا"
code P02 6 "فقدان استراتژی‌های متناسب با قابلیت‌های شبکه‌های اجتماعی" "سارا"
code P02 8 "عمل‌نکردن به وعده‌ها" "سارا"
code P02 8 "شبکه‌های اجتماعی، ابزاری درجهت انگیزه‌های انتخاباتی" "سارا"
code P02 9 "مأنوس نبودن با فضای مجازی" "سارا"
code P02 11 "منع قانونی حضور مدیران شهری در بسترهای شبکه‌های اجتماعی خارجی" "سارا"
code P03 2 "استراتژی اطلاع‌رسانی" "سارا"
code P03 4 "برخوردهای سلیقه‌ای با ابزارهای مشارکتی" "سارا"
code P03 6 "بی‌تفاوتی مدیران شهری به‌دلیل بمباران اخبار" "سارا"
code P03 8 "حذف صورت‌مسئله به‌جای حل آن در برخورد با مطالبات مردم" "سارا"
code P03 9 "فقدان سواد تکنولوژیک مدیران شهری" "سارا"
code P03 11 "ناامنی و افشای اطلاعات کاربران" "سارا"
code P04 2 "شبکه‌های اجتماعی ابزار شبکه‌سازی و تعاملات دوسویه" "سارا"
code P04 4-5 "شبکه‌های اجتماعی دیده‌بان تخلف‌ها و مشکل‌های شهری" "سارا"
code P04 7 "سطحی‌خوان شدن به‌دلیل بمباران اخبار در شبکه‌های اجتماعی" "سارا"
code P04 8 "عدم آگاهی شهروندان از حقوق شهروندی" "سارا"
code P04 10 "تأثیر اخبار فراگیر شده در الزام مدیران شهری به پاسخگویی" "سارا"
# Coder 2: Omid (overlaps with سارا on purpose, for agreement checks)
code P01 4 "تطمیع و تهدید خبرنگاران و فعالان شهری" "Omid"
code P01 6 "افشاگری و فراگیری اخبار" "Omid"
code P01 7 "کنترل رسانه‌ها باهدف انتشار صرف اقدام‌های مثبت" "Omid"
code P01 12 "محروم کردن رسانه‌ها و سازمان‌های مردم‌نهاد منتقد" "Omid"
code P03 4 "مشارکت انتخابی (حذف برخی‌از گروه‌های شهروندی)" "Omid"
code P03 6 "پاسخگویی محدود مدیران شهری به علت بمباران اخبار" "Omid"
code P03 8 "حذف صورت‌مسئله به‌جای حل آن در برخورد با مطالبات مردم" "Omid"
code P05 2 "تبلیغات باهدف جلب حمایت و مقبولیت" "Omid"
code P05 4 "تبلیغات باهدف جلب حمایت و مقبولیت" "Omid"
code P05 5 "دنباله‌روی و تقلید در استفاده از شبکه‌های اجتماعی" "Omid"
code P05 7 "عدم تحمل نظرهای انتقادی در شبکه‌های اجتماعی" "Omid"
code P05 9 "ارتش‌های سایبری ابزاری در خدمت احزاب" "Omid"
code P05 9 "کارکرد مخرب سیاسی شبکه‌های اجتماعی" "Omid"
code P06 2 "عدم وابستگی شبکه‌های اجتماعی به زمان و مکان" "Omid"
code P06 4 "نبود تفکر مشارکتی در سطوح بالاتر حکومت" "Omid"
code P06 5 "فیلترینگ چالش دوسویه مردم و مدیران" "Omid"
code P06 7 "کمک شبکه‌های اجتماعی به افکارسنجی و دریافت نظر شهروندان" "Omid"
code P06 8 "واکنش‌های احساسی شهروندان در شبکه‌های اجتماعی" "Omid"
code P07-en 2 "استراتژی گزارش اقدام" "Omid"
code P07-en 4 "عدم پاسخگویی مدیران شهری در زمان بحران" "Omid"
code P07-en 5 "تأثیر اخبار فراگیر شده در الزام مدیران شهری به پاسخگویی" "Omid"
code P07-en 7 "تطمیع و تهدید خبرنگاران و فعالان شهری" "Omid"
code P07-en 9 "کمک شبکه‌های اجتماعی به افکارسنجی و دریافت نظر شهروندان" "Omid"
"$S" memo "$out" --title "یادداشت پروژه" --body "هدف: فهم تجربهٔ مدیران شهری تهران از شبکه‌های اجتماعی. کدگذاری خط به خط؛ دو کدگذار به‌طور موازی." --author "سارا"
"$S" memo "$out" --code "تطمیع و تهدید خبرنگاران و فعالان شهری" --title "یادداشت تحلیلی" --body "در P01 و P07 هر دو از گرفتن کارت خبرنگاری یاد می‌کنند؛ الگوی تکرارشونده است." --author "سارا"
"$S" memo "$out" --code "بی‌تفاوتی مدیران شهری به‌دلیل بمباران اخبار" --title "Compare" --body "Omid coded P03 line 6 as limited responsiveness; discuss whether indifference and limited response are one code." --author "Omid"
"$S" memo "$out" --document P06 --title "دربارهٔ مصاحبه" --body "مصاحبه در دفتر شورا انجام شد؛ مصاحبه‌شونده به بودجهٔ مشارکتی علاقهٔ خاصی داشت." --author "سارا"
# The social-media strand: an invented monitoring set (12 pages of six
# managers on Instagram and X), the starter codes, and its coding.
"$S" social import "$out" --accounts demo/social/accounts.csv --posts demo/social/posts.csv --comments demo/social/comments.csv --starter-codes fa
"$S" import-codings "$out" demo/social/codings.tsv
"$S" check "$out"
"$S" stats "$out"
rm -f "$out.bak"
