/* Where pango breaks a paragraph into rows, for the browser's line breaking
 * test (src/app/layout_cache/pango_breaks.rs).
 *
 * Input (stdin), one case per line:  dir<TAB>width<TAB>text
 *   dir: rtl | ltr (the paragraph direction Strata decides); width in px.
 * Output (stdout): dir<TAB>width<TAB>text<TAB>row starts, the logical char
 * index at which each row after the first begins, comma-separated.
 *
 * Font "Vazirmatn 16px", like egui's size 16 at one pixel per point. egui
 * places glyphs at unrounded advances, so pango's glyph position rounding and
 * hinted metrics are turned off here (argument "rounded" keeps pango's
 * defaults, to see what they change). Built and run by generate.sh. */
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  int rounded = argc > 1 && !strcmp(argv[1], "rounded");
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create(surface);
  PangoFontDescription *font = pango_font_description_from_string("Vazirmatn 16px");
  char buf[16384];
  while (fgets(buf, sizeof buf, stdin)) {
    buf[strcspn(buf, "\n")] = 0;
    if (!buf[0] || buf[0] == '#') continue;
    char *dir = strtok(buf, "\t"), *ws = strtok(NULL, "\t"), *t = strtok(NULL, "\t");
    if (!dir || !ws || !t) { fprintf(stderr, "bad case\n"); return 1; }
    int width = atoi(ws);
    PangoContext *ctx = pango_cairo_create_context(cr);
    if (!rounded) {
      cairo_font_options_t *o = cairo_font_options_create();
      cairo_font_options_set_hint_metrics(o, CAIRO_HINT_METRICS_OFF);
      cairo_font_options_set_hint_style(o, CAIRO_HINT_STYLE_NONE);
      pango_cairo_context_set_font_options(ctx, o);
      cairo_font_options_destroy(o);
      pango_context_set_round_glyph_positions(ctx, FALSE);
    }
    pango_context_set_base_dir(ctx, !strcmp(dir, "rtl") ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
    PangoLayout *l = pango_layout_new(ctx);
    pango_layout_set_auto_dir(l, FALSE);
    pango_layout_set_font_description(l, font);
    pango_layout_set_width(l, width * PANGO_SCALE);
    pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    pango_layout_set_text(l, t, -1);
    printf("%s\t%d\t%s\t", dir, width, t);
    GSList *lines = pango_layout_get_lines_readonly(l);
    int first = 1;
    for (GSList *it = lines ? lines->next : NULL; it; it = it->next) {
      PangoLayoutLine *line = it->data;
      printf("%s%ld", first ? "" : ",", g_utf8_pointer_to_offset(t, t + line->start_index));
      first = 0;
    }
    printf("\n");
    g_object_unref(l);
    g_object_unref(ctx);
  }
  return 0;
}
