/* cmark-gfm, GitHub's reference CommonMark implementation, for the Book's HTML (`fair book`).
 *
 * One entry point, so that Swift never handles cmark's parser, extension list or node tree:
 * parse `length` bytes of UTF-8 Markdown with the GFM extensions the Book uses (tables,
 * strikethrough, autolinks), render HTML, and return it as a string the caller frees with
 * free(). Raw HTML is kept (CMARK_OPT_UNSAFE) because lessons wrap exercise solutions in
 * <details>; lessons are the project's own files, not untrusted input. Returns NULL when out
 * of memory. Call fair_cmark_gfm_register() once first (cmark-gfm's registration is not
 * thread-safe; the Swift side does it in a lazily initialised static, which runs once). */
#ifndef FAIR_CCMARKGFM_SHIM_H
#define FAIR_CCMARKGFM_SHIM_H
#include <stdlib.h>
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

static inline void fair_cmark_gfm_register(void) { cmark_gfm_core_extensions_ensure_registered(); }

static inline char *fair_cmark_gfm_to_html(const char *text, size_t length) {
    int options = CMARK_OPT_UNSAFE;
    cmark_parser *parser = cmark_parser_new(options);
    if (parser == NULL) return NULL;
    const char *names[] = {"table", "strikethrough", "autolink"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        cmark_syntax_extension *extension = cmark_find_syntax_extension(names[i]);
        if (extension != NULL) cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, text, length);
    cmark_node *document = cmark_parser_finish(parser);
    char *html = NULL;
    if (document != NULL) {
        html = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser));
        cmark_node_free(document);
    }
    cmark_parser_free(parser);
    return html;
}
#endif
