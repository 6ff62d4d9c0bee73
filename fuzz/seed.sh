#!/bin/sh
# Seed the fuzz corpora from the test fixtures (the corpora stay out of git).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
fx="$here/../tests/fixtures"
for t in project_load import_txt import_docx import_odt; do
    mkdir -p "$here/corpus/$t"
done
cp "$fx"/*.strata "$here/../projects/demo.strata" "$here/corpus/project_load/"
cp "$fx"/enc/* "$fx"/small/* "$fx"/bidi/* "$here/corpus/import_txt/" 2>/dev/null || true
cp "$fx"/*.docx "$here/corpus/import_docx/"
cp "$fx"/*.odt "$here/corpus/import_odt/"
# Each office target also starts from the other's files: both are zips.
cp "$fx"/*.odt "$here/corpus/import_docx/"
cp "$fx"/*.docx "$here/corpus/import_odt/"
# The XML parts alone, behind an odd first byte (see fuzz_targets/zipped.rs).
if command -v unzip >/dev/null; then
    for f in "$fx"/*.docx; do
        { printf '\001'; unzip -p "$f" word/document.xml 2>/dev/null || true; } \
            >"$here/corpus/import_docx/xml-$(basename "$f").xml"
    done
    for f in "$fx"/*.odt; do
        { printf '\001'; unzip -p "$f" content.xml 2>/dev/null || true; } \
            >"$here/corpus/import_odt/xml-$(basename "$f").xml"
    done
fi
