/* Shared pieces of the ODF parts: lengths, text with spaces, the element styles. */
#include "odt.h"

#include <stdio.h>
#include <string.h>


void vb_odf_length(char *buf, size_t size, long twips)
{
    /* Twips are 1/20 pt: two decimals are exact to 0.05 pt. */
    long hundredths = twips * 5;
    snprintf(buf, size, "%s%ld.%02ldpt", hundredths < 0 ? "-" : "",
             (hundredths < 0 ? -hundredths : hundredths) / 100,
             (hundredths < 0 ? -hundredths : hundredths) % 100);
}

void vb_odf_attr_length(vb_xml *x, const char *name, long twips)
{
    char buf[32];
    vb_odf_length(buf, sizeof buf, twips);
    vb_xml_attr(x, name, buf);
}

static void flush(vb_xml *x, const char *start, const char *end)
{
    if (end <= start)
        return;
    char buf[512];
    while (start < end) {
        size_t n = (size_t)(end - start);
        if (n >= sizeof buf)
            n = sizeof buf - 1;
        /* Never split a UTF-8 sequence between two writes. */
        while (n > 0 && n < (size_t)(end - start) && ((unsigned char)start[n] & 0xC0) == 0x80)
            n--;
        memcpy(buf, start, n);
        buf[n] = '\0';
        vb_xml_text(x, buf);
        start += n;
    }
}

void vb_odf_text(vb_xml *x, const char *text)
{
    const char *p = text, *chunk = text;
    while (*p) {
        if (*p == '\n' || *p == '\t') {
            flush(x, chunk, p);
            vb_xml_empty(x, *p == '\n' ? "text:line-break" : "text:tab", NULL, NULL);
            chunk = ++p;
            continue;
        }
        if (*p == '-' && p > text && p[-1] >= '0' && p[-1] <= '9' && p[1] >= '0' && p[1] <= '9') {
            /* "9-10/2025", "2021-2025": a non-breaking hyphen, so no line ends inside the
             * range (LibreOffice sets U+2011 with the font's own hyphen). */
            flush(x, chunk, p);
            vb_xml_text(x, "\xE2\x80\x91");
            chunk = ++p;
            continue;
        }
        if (*p == ' ') {
            /* ODF collapses white space: a leading space or a run of spaces needs text:s. */
            const char *run = p;
            while (*p == ' ')
                p++;
            long count = p - run;
            int leading = run == text || run[-1] == '\n' || run[-1] == '\t';
            if (count == 1 && !leading)
                continue;
            flush(x, chunk, leading ? run : run + 1);
            long extra = leading ? count : count - 1;
            vb_xml_start(x, "text:s");
            if (extra > 1)
                vb_xml_attr_int(x, "text:c", extra);
            vb_xml_end(x);
            chunk = p;
            continue;
        }
        p++;
    }
    flush(x, chunk, p);
}

const char *vb_odf_align_value(vb_align a)
{
    switch (a) {
    case VB_ALIGN_CENTER:
        return "center";
    case VB_ALIGN_RIGHT:
        return "end";
    case VB_ALIGN_JUSTIFY:
        return "justify";
    default:
        return "start";
    }
}

void vb_odf_paragraph_properties(vb_xml *x, const vb_layout *layout, vb_element el)
{
    const vb_text_style *s = &layout->styles[el];
    char buf[32];
    vb_xml_start(x, "style:paragraph-properties");
    vb_odf_attr_length(x, "fo:margin-top", s->space_before_twips);
    vb_odf_attr_length(x, "fo:margin-bottom", s->space_after_twips);
    vb_odf_attr_length(x, "fo:margin-left", 0);
    vb_odf_attr_length(x, "fo:margin-right", 0);
    vb_odf_attr_length(x, "fo:text-indent", s->first_line_twips);
    if (el == VB_EL_RULE) {
        /* A rule paragraph is only as tall as its line. */
        vb_odf_attr_length(x, "fo:line-height", layout->rule_gap_twips);
    } else {
        snprintf(buf, sizeof buf, "%d%%", (s->line_240ths * 100 + 120) / 240);
        vb_xml_attr(x, "fo:line-height", buf);
    }
    vb_xml_attr(x, "fo:text-align", vb_odf_align_value(s->align));
    if (s->align == VB_ALIGN_JUSTIFY)
        vb_xml_attr(x, "fo:text-align-last", "start");
    if (s->keep_with_next)
        vb_xml_attr(x, "fo:keep-with-next", "always");
    vb_xml_end(x);
}

void vb_odf_text_properties(vb_xml *x, const vb_layout *layout, vb_element el)
{
    const vb_text_style *s = &layout->styles[el];
    char size[32];
    snprintf(size, sizeof size, "%gpt", s->size_pt);
    vb_xml_start(x, "style:text-properties");
    vb_xml_attr(x, "style:font-name", layout->font);
    vb_xml_attr(x, "fo:font-size", size);
    vb_xml_attr(x, "fo:font-weight", s->bold ? "bold" : "normal");
    vb_xml_attr(x, "fo:font-style", s->italic ? "italic" : "normal");
    char color[16];
    snprintf(color, sizeof color, "#%s", s->color ? s->color : "000000");
    vb_xml_attr(x, "fo:color", color);
    if (s->underline) {
        vb_xml_attr(x, "style:text-underline-style", "solid");
        vb_xml_attr(x, "style:text-underline-width", "auto");
        vb_xml_attr(x, "style:text-underline-color", "font-color");
    }
    vb_xml_end(x);
}
