/* Where pango puts the pointer for a drag over a span, and what it selects.
 *
 * Input (stdin), one case per line:  dir<TAB>width<TAB>text<TAB>span
 *   dir: rtl | ltr | auto; width: wrap width in px (0: no wrap);
 *   span: the intended text (its first occurrence), or "start:end" in chars.
 * Output (stdout), one line per case and drag direction:
 *   dir width text start end press_char press_frac release_char release_frac pango_start pango_end
 * The press is 25% into the glyph of the span's first char from its leading
 * side, the release 25% into the glyph of its last char from its trailing
 * side (or the other way round for a backward drag); a frac is measured from
 * the glyph's visual left edge, so a test can put the pointer at the same
 * place in its own layout. pango_start/end is what pango_layout_xy_to_index
 * gives for those two points: the selection pango (and GTK) would make.
 *
 * Built and run by generate.sh; its output is committed as a fixture. */
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static long byte_to_char(const char *s, int byte) { return g_utf8_pointer_to_offset(s, s + byte); }
static int char_to_byte(const char *s, long ch) { return g_utf8_offset_to_pointer(s, ch) - s; }

/* The glyph rect of the grapheme holding char `ch`, in px. */
static void glyph(PangoLayout *l, const char *t, long ch, double *x, double *w, double *y, int *rtl) {
  PangoRectangle r;
  pango_layout_index_to_pos(l, char_to_byte(t, ch), &r);
  *rtl = r.width < 0;
  double a = (double)r.x / PANGO_SCALE, b = (double)(r.x + r.width) / PANGO_SCALE;
  *x = a < b ? a : b;
  *w = a < b ? b - a : a - b;
  *y = ((double)r.y + r.height / 2.0) / PANGO_SCALE;
}

/* The boundary pango puts the caret at for a pointer at (x, y). */
static long hit(PangoLayout *l, const char *t, double x, double y) {
  int index, trailing;
  pango_layout_xy_to_index(l, (int)(x * PANGO_SCALE), (int)(y * PANGO_SCALE), &index, &trailing);
  return byte_to_char(t, index) + trailing;
}

/* A point `frac` of the way across char ch's glyph, from its leading (0) or trailing (1) side. */
static double frac_of(int rtl, int trailing_side) {
  double from_leading = trailing_side ? 0.75 : 0.25;
  return rtl ? 1.0 - from_leading : from_leading;
}

static void drag(PangoLayout *l, const char *dir, int width, const char *t, long s, long e, int backward) {
  long first = s, last = e - 1;
  double x1, w1, y1, x2, w2, y2;
  int r1, r2;
  glyph(l, t, first, &x1, &w1, &y1, &r1);
  glyph(l, t, last, &x2, &w2, &y2, &r2);
  double f1 = frac_of(r1, 0), f2 = frac_of(r2, 1);
  long a = hit(l, t, x1 + f1 * w1, y1), b = hit(l, t, x2 + f2 * w2, y2);
  long lo = a < b ? a : b, hi = a < b ? b : a;
  if (backward)
    printf("%s\t%d\t%s\t%ld\t%ld\t%ld\t%.3f\t%ld\t%.3f\t%ld\t%ld\n", dir, width, t, s, e, last, f2, first, f1, lo, hi);
  else
    printf("%s\t%d\t%s\t%ld\t%ld\t%ld\t%.3f\t%ld\t%.3f\t%ld\t%ld\n", dir, width, t, s, e, first, f1, last, f2, lo, hi);
}

int main(void) {
  cairo_surface_t *surface = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 10, 10);
  cairo_t *cr = cairo_create(surface);
  PangoFontDescription *font = pango_font_description_from_string("Vazirmatn 16px");
  char buf[8192];
  while (fgets(buf, sizeof buf, stdin)) {
    buf[strcspn(buf, "\n")] = 0;
    if (!buf[0] || buf[0] == '#') continue;
    char *dir = strtok(buf, "\t"), *ws = strtok(NULL, "\t"), *t = strtok(NULL, "\t"), *span = strtok(NULL, "\t");
    if (!dir || !ws || !t || !span) { fprintf(stderr, "bad case\n"); return 1; }
    int width = atoi(ws);
    long s, e;
    if (sscanf(span, "%ld:%ld", &s, &e) != 2) {
      char *at = strstr(t, span);
      if (!at) { fprintf(stderr, "span not in text: %s\n", span); return 1; }
      s = byte_to_char(t, at - t);
      e = s + g_utf8_strlen(span, -1);
    }
    PangoLayout *l = pango_cairo_create_layout(cr);
    pango_layout_set_font_description(l, font);
    pango_layout_set_text(l, t, -1);
    if (width > 0) { pango_layout_set_width(l, width * PANGO_SCALE); pango_layout_set_wrap(l, PANGO_WRAP_WORD); }
    if (!strcmp(dir, "auto")) pango_layout_set_auto_dir(l, TRUE);
    else {
      pango_layout_set_auto_dir(l, FALSE);
      pango_context_set_base_dir(pango_layout_get_context(l), !strcmp(dir, "rtl") ? PANGO_DIRECTION_RTL : PANGO_DIRECTION_LTR);
      pango_layout_context_changed(l);
    }
    drag(l, dir, width, t, s, e, 0);
    drag(l, dir, width, t, s, e, 1);
    g_object_unref(l);
  }
  return 0;
}
