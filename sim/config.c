/* config.c: scenario files -> position-tagged tree -> plain C struct.
 *
 * Loading walks libyaml's event stream (yaml_parser_parse) with a small
 * recursive descent instead of using the document API, so every key and value
 * keeps its own file, line and column, and so anchors, aliases, tags, deep
 * nesting and duplicate keys can be refused as they are met: a scenario file is
 * data written by people, and an alias bomb or a silently shadowed key is never
 * what they meant.
 *
 * `extends:` is resolved after a file is parsed: the base is loaded first
 * (recursively), then the variant is deep-merged over it. Nodes keep the
 * position where their value was written, so an error on an inherited key
 * points into the base file and an overridden one into the variant.
 *
 * Binding walks the caller's schema and the tree together. Unknown keys,
 * wrong kinds, unparsable or out-of-range values and missing required keys all
 * fail with "FILE:LINE:COL: ..." and the dotted key path. Nothing here knows
 * what a parameter means. There is no global mutable state.
 */
#include "sim/config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <yaml.h>

#define CFG_MAX_FILE_BYTES ((size_t)4 << 20) /* larger is not a scenario file */
#define CFG_MAX_DEPTH 64                     /* nesting levels of mappings/sequences */
#define CFG_MAX_EXTENDS 16                   /* `extends` links in one chain */
#define CFG_SHARES_TOLERANCE 1e-6

#if defined(__GNUC__)
#define CFG_PRINTF(f, a) __attribute__((format(printf, f, a)))
#else
#define CFG_PRINTF(f, a)
#endif

/* ------------------------------------------------------------ messages */

static int vfail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                    va_list ap) {
  if (!err || errlen == 0)
    return -1;
  int k = line > 0 ? snprintf(err, errlen, "%s:%d:%d: ", file, line, col)
                   : snprintf(err, errlen, "%s: ", file);
  if (k >= 0 && (size_t)k < errlen)
    vsnprintf(err + k, errlen - (size_t)k, fmt, ap);
  return -1;
}

/* Writes "FILE:LINE:COL: message" (or "FILE: message" when line is 0) and returns -1. */
CFG_PRINTF(6, 7)
static int fail_at(char *err, size_t errlen, const char *file, int line, int col, const char *fmt,
                   ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail_at(err, errlen, file, line, col, fmt, ap);
  va_end(ap);
  return -1;
}

/* Copies text written by the user for a message: at most ~60 bytes, control
 * characters as '?', so that a message always stays on one readable line. */
#define SHOWN_SIZE 72
static const char *shown(const char *s, char buf[SHOWN_SIZE]) {
  size_t i = 0;
  for (; s[i] && i < SHOWN_SIZE - 4; i++)
    buf[i] = ((unsigned char)s[i] < 0x20 || s[i] == 0x7f) ? '?' : s[i];
  if (s[i]) {
    /* back off to a UTF-8 character boundary before the ellipsis */
    while (i > 0 && ((unsigned char)buf[i] & 0xc0) == 0x80)
      i--;
    memcpy(buf + i, "...", 3);
    i += 3;
  }
  buf[i] = '\0';
  return buf;
}

static const char *kind_name(const cfg_node *n) {
  switch (n->kind) {
  case CFG_MAP:
    return "a mapping";
  case CFG_SEQ:
    return "a sequence";
  default:
    return "a scalar";
  }
}

/* ------------------------------------------------------------ nodes */

static void node_free(cfg_node *n) {
  if (!n)
    return;
  for (size_t i = 0; i < n->n; i++)
    node_free(n->items[i]);
  free(n->items);
  free(n->key);
  free(n->value);
  free(n);
}

static cfg_node *node_new(cfg_kind kind, const char *file, yaml_mark_t mark) {
  cfg_node *n = calloc(1, sizeof *n);
  if (!n)
    return NULL;
  n->kind = kind;
  n->file = file;
  n->line = (int)mark.line + 1;
  n->col = (int)mark.column + 1;
  return n;
}

/* Appends child to a mapping or sequence whose items array has *cap slots. */
static int node_push(cfg_node *parent, size_t *cap, cfg_node *child) {
  if (parent->n == *cap) {
    size_t ncap = *cap ? *cap * 2 : 8;
    cfg_node **items = realloc(parent->items, ncap * sizeof *items);
    if (!items)
      return -1;
    parent->items = items;
    *cap = ncap;
  }
  parent->items[parent->n++] = child;
  return 0;
}

const cfg_node *cfg_get(const cfg_node *map, const char *key) {
  if (!map || !key || map->kind != CFG_MAP)
    return NULL;
  for (size_t i = 0; i < map->n; i++)
    if (map->items[i] && map->items[i]->key && strcmp(map->items[i]->key, key) == 0)
      return map->items[i];
  return NULL;
}

/* Hash index over the keys of a mapping's items (open addressing, slot =
 * item index + 1, 0 = empty). Keeps duplicate detection and merging linear
 * even for a mapping with a great many keys. */
typedef struct {
  size_t *slot;
  size_t cap; /* a power of two, or 0 */
} key_index;

static size_t key_hash(const char *s) {
  uint64_t h = 1469598103934665603u; /* FNV-1a */
  for (; *s; s++)
    h = (h ^ (unsigned char)*s) * 1099511628211u;
  return (size_t)h;
}

static size_t index_find(const key_index *ix, cfg_node *const *items, const char *key) {
  if (ix->cap == 0)
    return SIZE_MAX;
  for (size_t h = key_hash(key) & (ix->cap - 1);; h = (h + 1) & (ix->cap - 1)) {
    size_t s = ix->slot[h];
    if (s == 0)
      return SIZE_MAX;
    if (strcmp(items[s - 1]->key, key) == 0)
      return s - 1;
  }
}

static void index_put(key_index *ix, cfg_node *const *items, size_t i) {
  size_t h = key_hash(items[i]->key) & (ix->cap - 1);
  while (ix->slot[h])
    h = (h + 1) & (ix->cap - 1);
  ix->slot[h] = i + 1;
}

/* Indexes items[n - 1], given that items[0 .. n-2] are indexed already. */
static int index_add(key_index *ix, cfg_node *const *items, size_t n) {
  if (2 * n <= ix->cap) {
    index_put(ix, items, n - 1);
    return 0;
  }
  size_t cap = ix->cap ? ix->cap : 8;
  while (2 * n > cap)
    cap *= 2;
  size_t *slot = calloc(cap, sizeof *slot);
  if (!slot)
    return -1;
  free(ix->slot);
  ix->slot = slot;
  ix->cap = cap;
  for (size_t i = 0; i < n; i++)
    index_put(ix, items, i);
  return 0;
}

/* ------------------------------------------------------------ parsing */

typedef struct {
  yaml_parser_t yp;
  const char *file; /* owned by the doc */
  const unsigned char *text;
  size_t len;
  char *err;
  size_t errlen;
} parse_ctx;

static int parse_fail(parse_ctx *pc, yaml_mark_t m, const char *fmt, ...) CFG_PRINTF(3, 4);
static int parse_fail(parse_ctx *pc, yaml_mark_t m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  vfail_at(pc->err, pc->errlen, pc->file, (int)m.line + 1, (int)m.column + 1, fmt, ap);
  va_end(ap);
  return -1;
}

static int out_of_memory(parse_ctx *pc) {
  return fail_at(pc->err, pc->errlen, pc->file, 0, 0, "out of memory");
}

/* libyaml's own message with its position. Reader errors (invalid UTF-8,
 * control characters such as NUL) carry a byte offset instead of a mark. */
static int syntax_error(parse_ctx *pc) {
  const yaml_parser_t *p = &pc->yp;
  if (p->error == YAML_MEMORY_ERROR)
    return out_of_memory(pc);
  if (p->error == YAML_READER_ERROR) {
    int line = 1, col = 1;
    for (size_t i = 0; i < p->problem_offset && i < pc->len; i++) {
      if (pc->text[i] == '\n') {
        line++;
        col = 1;
      } else if ((pc->text[i] & 0xc0) != 0x80) {
        col++;
      }
    }
    if (p->problem_value >= 0)
      return fail_at(pc->err, pc->errlen, pc->file, line, col, "%s (0x%02X)",
                     p->problem ? p->problem : "invalid input", (unsigned)p->problem_value);
    return fail_at(pc->err, pc->errlen, pc->file, line, col, "%s",
                   p->problem ? p->problem : "invalid input");
  }
  const char *problem = p->problem ? p->problem : "invalid YAML";
  if (p->context)
    return parse_fail(pc, p->problem_mark, "syntax error: %s (%s at line %d)", problem, p->context,
                      (int)p->context_mark.line + 1);
  return parse_fail(pc, p->problem_mark, "syntax error: %s", problem);
}

static int next_event(parse_ctx *pc, yaml_event_t *ev) {
  if (!yaml_parser_parse(&pc->yp, ev))
    return syntax_error(pc);
  return 0;
}

/* Refuses anchors, aliases and tags: aliases would let a small file expand
 * into a huge tree, and a tag would change how a value is read behind the
 * schema's back. */
static int check_event(parse_ctx *pc, const yaml_event_t *ev) {
  const yaml_char_t *anchor = NULL, *tag = NULL;
  char buf[SHOWN_SIZE];
  switch (ev->type) {
  case YAML_ALIAS_EVENT:
    return parse_fail(pc, ev->start_mark, "anchors and aliases are not supported (found '*%s')",
                      shown((const char *)ev->data.alias.anchor, buf));
  case YAML_SCALAR_EVENT:
    anchor = ev->data.scalar.anchor;
    tag = ev->data.scalar.tag;
    break;
  case YAML_SEQUENCE_START_EVENT:
    anchor = ev->data.sequence_start.anchor;
    tag = ev->data.sequence_start.tag;
    break;
  case YAML_MAPPING_START_EVENT:
    anchor = ev->data.mapping_start.anchor;
    tag = ev->data.mapping_start.tag;
    break;
  default:
    return 0;
  }
  if (anchor)
    return parse_fail(pc, ev->start_mark, "anchors and aliases are not supported (found '&%s')",
                      shown((const char *)anchor, buf));
  if (tag)
    return parse_fail(pc, ev->start_mark, "tags are not supported (found '%s')",
                      shown((const char *)tag, buf));
  return 0;
}

/* Copy of a scalar event's text; refuses embedded NULs ("\0" escapes), which
 * a C string cannot hold. Returns NULL with the message set. */
static char *scalar_text(parse_ctx *pc, const yaml_event_t *ev) {
  size_t len = ev->data.scalar.length;
  if (memchr(ev->data.scalar.value, '\0', len)) {
    parse_fail(pc, ev->start_mark, "NUL characters in text are not supported");
    return NULL;
  }
  char *s = malloc(len + 1);
  if (!s) {
    out_of_memory(pc);
    return NULL;
  }
  memcpy(s, ev->data.scalar.value, len);
  s[len] = '\0';
  return s;
}

static cfg_node *parse_node(parse_ctx *pc, yaml_event_t *ev, int depth);

static cfg_node *parse_scalar(parse_ctx *pc, const yaml_event_t *ev) {
  cfg_node *n = node_new(CFG_SCALAR, pc->file, ev->start_mark);
  if (!n) {
    out_of_memory(pc);
    return NULL;
  }
  n->value = scalar_text(pc, ev);
  if (!n->value) {
    free(n);
    return NULL;
  }
  n->quoted = ev->data.scalar.style == YAML_SINGLE_QUOTED_SCALAR_STYLE ||
              ev->data.scalar.style == YAML_DOUBLE_QUOTED_SCALAR_STYLE;
  return n;
}

static cfg_node *parse_seq(parse_ctx *pc, const yaml_event_t *start, int depth) {
  cfg_node *seq = node_new(CFG_SEQ, pc->file, start->start_mark);
  size_t cap = 0;
  if (!seq) {
    out_of_memory(pc);
    return NULL;
  }
  for (;;) {
    yaml_event_t ev;
    if (next_event(pc, &ev))
      goto fail;
    if (ev.type == YAML_SEQUENCE_END_EVENT) {
      yaml_event_delete(&ev);
      return seq;
    }
    cfg_node *item = parse_node(pc, &ev, depth + 1);
    if (!item)
      goto fail;
    if (node_push(seq, &cap, item)) {
      node_free(item);
      out_of_memory(pc);
      goto fail;
    }
  }
fail:
  node_free(seq);
  return NULL;
}

static cfg_node *parse_map(parse_ctx *pc, const yaml_event_t *start, int depth) {
  cfg_node *map = node_new(CFG_MAP, pc->file, start->start_mark);
  key_index ix = {0};
  size_t cap = 0;
  char buf[SHOWN_SIZE];
  if (!map) {
    out_of_memory(pc);
    return NULL;
  }
  for (;;) {
    yaml_event_t ev;
    if (next_event(pc, &ev))
      goto fail;
    if (ev.type == YAML_MAPPING_END_EVENT) {
      yaml_event_delete(&ev);
      break;
    }
    if (check_event(pc, &ev)) {
      yaml_event_delete(&ev);
      goto fail;
    }
    if (ev.type != YAML_SCALAR_EVENT) {
      parse_fail(pc, ev.start_mark, "mapping keys must be plain names, found %s",
                 ev.type == YAML_MAPPING_START_EVENT ? "a mapping" : "a sequence");
      yaml_event_delete(&ev);
      goto fail;
    }
    char *key = scalar_text(pc, &ev);
    yaml_mark_t key_mark = ev.start_mark;
    yaml_event_delete(&ev);
    if (!key)
      goto fail;
    size_t first = index_find(&ix, map->items, key);
    if (first != SIZE_MAX) {
      parse_fail(pc, key_mark, "duplicate key '%s' (first at line %d)", shown(key, buf),
                 map->items[first]->key_line);
      free(key);
      goto fail;
    }
    if (next_event(pc, &ev)) {
      free(key);
      goto fail;
    }
    cfg_node *value = parse_node(pc, &ev, depth + 1);
    if (!value) {
      free(key);
      goto fail;
    }
    value->key = key;
    value->key_line = (int)key_mark.line + 1;
    value->key_col = (int)key_mark.column + 1;
    if (node_push(map, &cap, value)) {
      node_free(value);
      out_of_memory(pc);
      goto fail;
    }
    if (index_add(&ix, map->items, map->n)) {
      out_of_memory(pc);
      goto fail;
    }
  }
  free(ix.slot);
  return map;
fail:
  free(ix.slot);
  node_free(map);
  return NULL;
}

/* Builds the node that starts with *ev (and the events that follow it);
 * deletes *ev. depth is the nesting level of the node (the root is 1). */
static cfg_node *parse_node(parse_ctx *pc, yaml_event_t *ev, int depth) {
  cfg_node *node = NULL;
  if (check_event(pc, ev) == 0) {
    switch (ev->type) {
    case YAML_SCALAR_EVENT:
      node = parse_scalar(pc, ev);
      break;
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
      if (depth > CFG_MAX_DEPTH)
        parse_fail(pc, ev->start_mark, "nesting deeper than %d levels", CFG_MAX_DEPTH);
      else if (ev->type == YAML_SEQUENCE_START_EVENT)
        node = parse_seq(pc, ev, depth);
      else
        node = parse_map(pc, ev, depth);
      break;
    default:
      parse_fail(pc, ev->start_mark, "unexpected YAML event");
      break;
    }
  }
  yaml_event_delete(ev);
  return node;
}

/* Parses one file's text into its top-level mapping (no extends handling). */
static cfg_node *parse_text(const char *file, const unsigned char *text, size_t len, char *err,
                            size_t errlen) {
  parse_ctx pc = {.file = file, .text = text, .len = len, .err = err, .errlen = errlen};
  cfg_node *root = NULL;
  yaml_event_t ev;
  if (!yaml_parser_initialize(&pc.yp)) {
    out_of_memory(&pc);
    return NULL;
  }
  yaml_parser_set_input_string(&pc.yp, text, len);
  yaml_parser_set_encoding(&pc.yp, YAML_UTF8_ENCODING);

  if (next_event(&pc, &ev)) /* stream start */
    goto done;
  yaml_event_delete(&ev);
  if (next_event(&pc, &ev))
    goto done;
  if (ev.type == YAML_STREAM_END_EVENT) { /* nothing but blanks and comments */
    yaml_event_delete(&ev);
    fail_at(err, errlen, file, 0, 0, "empty scenario file");
    goto done;
  }
  yaml_event_delete(&ev); /* document start */
  if (next_event(&pc, &ev))
    goto done;
  root = parse_node(&pc, &ev, 1);
  if (!root)
    goto done;
  if (root->kind == CFG_SCALAR && !root->quoted && root->value[0] == '\0') { /* a bare "---" */
    fail_at(err, errlen, file, 0, 0, "empty scenario file");
    goto fail;
  }
  if (root->kind != CFG_MAP) {
    fail_at(err, errlen, file, root->line, root->col,
            "the top level must be a mapping of 'key: value' lines, found %s", kind_name(root));
    goto fail;
  }
  if (next_event(&pc, &ev)) /* document end */
    goto fail;
  yaml_event_delete(&ev);
  if (next_event(&pc, &ev))
    goto fail;
  if (ev.type != YAML_STREAM_END_EVENT) {
    parse_fail(&pc, ev.start_mark, "multiple documents are not supported (one scenario per file)");
    yaml_event_delete(&ev);
    goto fail;
  }
  yaml_event_delete(&ev);
  goto done;
fail:
  node_free(root);
  root = NULL;
done:
  yaml_parser_delete(&pc.yp);
  return root;
}

/* ------------------------------------------------------------ loading, extends */

typedef struct {
  const char *file; /* as named in messages (owned by the doc) */
  int known;        /* dev/ino valid (not for a memory buffer) */
  dev_t dev;
  ino_t ino;
} chain_link;

typedef struct {
  cfg_doc *doc;
  char *err;
  size_t errlen;
  chain_link chain[CFG_MAX_EXTENDS + 1]; /* the files being loaded, outermost first */
  size_t depth;
} load_ctx;

static const char *doc_add_file(cfg_doc *doc, const char *path) {
  char *copy = strdup(path);
  char **files = copy ? realloc(doc->files, (doc->nfiles + 1) * sizeof *files) : NULL;
  if (!files) {
    free(copy);
    return NULL;
  }
  doc->files = files;
  doc->files[doc->nfiles++] = copy;
  return copy;
}

/* Error about `path`, at the `extends:` that named it when there is one. */
static int load_fail(load_ctx *lc, const cfg_node *origin, const char *path, const char *what) {
  char buf[SHOWN_SIZE];
  if (origin)
    return fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col,
                   "cannot read extended file '%s': %s", shown(path, buf), what);
  return fail_at(lc->err, lc->errlen, path, 0, 0, "cannot read: %s", what);
}

static int read_all(load_ctx *lc, int fd, const char *path, const cfg_node *origin,
                    unsigned char **out, size_t *outlen) {
  unsigned char *buf = NULL;
  size_t len = 0, cap = 0;
  for (;;) {
    if (len == cap) {
      size_t ncap = cap ? cap * 2 : 65536;
      if (ncap > CFG_MAX_FILE_BYTES + 1)
        ncap = CFG_MAX_FILE_BYTES + 1;
      unsigned char *nbuf = realloc(buf, ncap);
      if (!nbuf) {
        free(buf);
        return load_fail(lc, origin, path, "out of memory");
      }
      buf = nbuf;
      cap = ncap;
    }
    ssize_t r = read(fd, buf + len, cap - len);
    if (r < 0 && errno == EINTR)
      continue;
    if (r < 0) {
      int e = errno;
      free(buf);
      return load_fail(lc, origin, path, strerror(e));
    }
    if (r == 0)
      break;
    len += (size_t)r;
    if (len > CFG_MAX_FILE_BYTES) {
      free(buf);
      return fail_at(lc->err, lc->errlen, path, 0, 0, "file is larger than 4 MiB");
    }
  }
  *out = buf;
  *outlen = len;
  return 0;
}

/* "dir/of/file" + "rel" -> "dir/of/rel"; absolute `rel` is kept as is, and
 * with no containing file (a memory buffer) `rel` is relative to the
 * current directory. */
static char *join_path(const char *file, const char *rel) {
  while (rel[0] == '.' && rel[1] == '/')
    rel += 2;
  size_t dirlen = 0;
  if (file && rel[0] != '/') {
    const char *slash = strrchr(file, '/');
    dirlen = slash ? (size_t)(slash - file) + 1 : 0;
  }
  size_t rlen = strlen(rel);
  char *p = malloc(dirlen + rlen + 1);
  if (!p)
    return NULL;
  if (dirlen)
    memcpy(p, file, dirlen);
  memcpy(p + dirlen, rel, rlen + 1);
  return p;
}

/* Deep-merges `over` into `base` (both mappings) and frees `over`: keys of
 * `over` replace those of `base`, except that two mappings under the same key
 * merge recursively. The merged mapping takes the position of `over`.
 * Returns 0, or -1 when out of memory (base stays a valid tree). */
static int merge_into(cfg_node *base, cfg_node *over) {
  key_index ix = {0};
  int rc = 0;
  if (over->n > 0) {
    cfg_node **items = realloc(base->items, (base->n + over->n) * sizeof *items);
    if (!items) {
      node_free(over);
      return -1;
    }
    base->items = items;
  }
  for (size_t i = 0; i < base->n && rc == 0; i++)
    rc = index_add(&ix, base->items, i + 1);
  for (size_t i = 0; i < over->n && rc == 0; i++) {
    cfg_node *c = over->items[i];
    over->items[i] = NULL;
    size_t j = index_find(&ix, base->items, c->key);
    if (j == SIZE_MAX) {
      base->items[base->n++] = c;
      rc = index_add(&ix, base->items, base->n);
    } else if (base->items[j]->kind == CFG_MAP && c->kind == CFG_MAP) {
      rc = merge_into(base->items[j], c);
    } else {
      node_free(base->items[j]);
      base->items[j] = c;
    }
  }
  if (rc == 0) {
    base->file = over->file;
    base->line = over->line;
    base->col = over->col;
    base->key_line = over->key_line;
    base->key_col = over->key_col;
  }
  free(ix.slot);
  node_free(over);
  return rc;
}

static cfg_node *load_file(load_ctx *lc, const char *path, const cfg_node *origin);

/* If the freshly parsed `root` of `file` has a top-level `extends:`, loads
 * the base and merges root over it. Consumes root; returns the result. */
static cfg_node *resolve_extends(load_ctx *lc, cfg_node *root, const char *file,
                                 const char *resolve_from, const struct stat *st) {
  size_t at = SIZE_MAX;
  for (size_t i = 0; i < root->n; i++)
    if (strcmp(root->items[i]->key, "extends") == 0)
      at = i;
  if (at == SIZE_MAX)
    return root;
  cfg_node *ext = root->items[at];
  memmove(root->items + at, root->items + at + 1, (root->n - at - 1) * sizeof *root->items);
  root->n--;

  cfg_node *result = NULL;
  if (ext->kind != CFG_SCALAR || ext->value[0] == '\0') {
    fail_at(lc->err, lc->errlen, ext->file, ext->line, ext->col,
            "'extends' must name a scenario file, found %s",
            ext->kind == CFG_SCALAR ? "an empty value" : kind_name(ext));
    goto done;
  }
  char *target = join_path(resolve_from, ext->value);
  if (!target) {
    fail_at(lc->err, lc->errlen, file, 0, 0, "out of memory");
    goto done;
  }
  chain_link *link = &lc->chain[lc->depth++];
  link->file = file;
  link->known = st != NULL;
  if (st) {
    link->dev = st->st_dev;
    link->ino = st->st_ino;
  }
  cfg_node *base = load_file(lc, target, ext);
  lc->depth--;
  free(target);
  if (!base)
    goto done;
  if (merge_into(base, root)) {
    root = NULL; /* consumed by merge_into */
    node_free(base);
    fail_at(lc->err, lc->errlen, file, 0, 0, "out of memory");
    goto done;
  }
  root = NULL;
  result = base;
done:
  node_free(ext);
  node_free(root);
  return result;
}

/* Reads, parses and resolves one file. origin: the `extends:` value that
 * named it, or NULL for the file asked for. */
static cfg_node *load_file(load_ctx *lc, const char *path, const cfg_node *origin) {
  char buf[1024];
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    load_fail(lc, origin, path, strerror(errno));
    return NULL;
  }
  struct stat st;
  if (fstat(fd, &st) != 0) {
    load_fail(lc, origin, path, strerror(errno));
    close(fd);
    return NULL;
  }
  /* Same file (device and inode, whatever the spelling of the path) already
   * in the chain being loaded: a cycle. Show it from the repeated file on. */
  for (size_t i = 0; i < lc->depth; i++) {
    if (!lc->chain[i].known || lc->chain[i].dev != st.st_dev || lc->chain[i].ino != st.st_ino)
      continue;
    size_t pos = 0;
    buf[0] = '\0';
    for (size_t j = i; j < lc->depth && pos < sizeof buf; j++) {
      int k = snprintf(buf + pos, sizeof buf - pos, "%s -> ", lc->chain[j].file);
      pos += k > 0 ? (size_t)k : 0;
    }
    if (pos < sizeof buf)
      snprintf(buf + pos, sizeof buf - pos, "%s", path);
    fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col, "extends cycle: %s", buf);
    close(fd);
    return NULL;
  }
  if (lc->depth > CFG_MAX_EXTENDS) {
    fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col,
            "extends chain deeper than %d files", CFG_MAX_EXTENDS);
    close(fd);
    return NULL;
  }
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > CFG_MAX_FILE_BYTES) {
    close(fd);
    fail_at(lc->err, lc->errlen, path, 0, 0, "file is larger than 4 MiB");
    return NULL;
  }
  unsigned char *text = NULL;
  size_t len = 0;
  int rc = read_all(lc, fd, path, origin, &text, &len);
  close(fd);
  if (rc)
    return NULL;
  const char *name = doc_add_file(lc->doc, path);
  if (!name) {
    free(text);
    fail_at(lc->err, lc->errlen, path, 0, 0, "out of memory");
    return NULL;
  }
  cfg_node *root =
      parse_text(name, text ? text : (const unsigned char *)"", len, lc->err, lc->errlen);
  free(text);
  if (!root)
    return NULL;
  return resolve_extends(lc, root, name, name, &st);
}

int cfg_load(const char *path, cfg_doc *out, char *err, size_t errlen) {
  if (!out || !path)
    return fail_at(err, errlen, path ? path : "(null)", 0, 0, "invalid arguments to cfg_load");
  memset(out, 0, sizeof *out);
  cfg_doc doc = {0};
  load_ctx lc = {.doc = &doc, .err = err, .errlen = errlen};
  doc.root = load_file(&lc, path, NULL);
  if (!doc.root) {
    cfg_free(&doc);
    return -1;
  }
  *out = doc;
  return 0;
}

int cfg_load_string(const char *name, const char *text, size_t len, cfg_doc *out, char *err,
                    size_t errlen) {
  if (!name)
    name = "<string>";
  if (!out || (!text && len > 0))
    return fail_at(err, errlen, name, 0, 0, "invalid arguments to cfg_load_string");
  memset(out, 0, sizeof *out);
  if (len > CFG_MAX_FILE_BYTES)
    return fail_at(err, errlen, name, 0, 0, "file is larger than 4 MiB");
  cfg_doc doc = {0};
  load_ctx lc = {.doc = &doc, .err = err, .errlen = errlen};
  /* The name is recorded as files[0] so that nodes can point at it. */
  const char *file = doc_add_file(&doc, name);
  if (!file) {
    cfg_free(&doc);
    return fail_at(err, errlen, name, 0, 0, "out of memory");
  }
  cfg_node *root = parse_text(file, (const unsigned char *)(text ? text : ""), len, err, errlen);
  if (root)
    root = resolve_extends(&lc, root, file, NULL, NULL);
  if (!root) {
    cfg_free(&doc);
    return -1;
  }
  doc.root = root;
  *out = doc;
  return 0;
}

void cfg_free(cfg_doc *doc) {
  if (!doc)
    return;
  node_free(doc->root);
  for (size_t i = 0; i < doc->nfiles; i++)
    free(doc->files[i]);
  free(doc->files);
  memset(doc, 0, sizeof *doc);
}

/* ------------------------------------------------------------ suggestions */

int cfg_edit_distance(const char *a, const char *b) {
  if (!a)
    a = "";
  if (!b)
    b = "";
  size_t la = strlen(a), lb = strlen(b);
  if (lb > la) { /* keep the row as short as possible */
    const char *t = a;
    a = b;
    b = t;
    size_t tl = la;
    la = lb;
    lb = tl;
  }
  if (la >= INT_MAX)
    return INT_MAX;
  int small[65];
  int *row = lb < 65 ? small : malloc((lb + 1) * sizeof *row);
  if (!row)
    return INT_MAX; /* "very far": callers only compare against small bounds */
  for (size_t j = 0; j <= lb; j++)
    row[j] = (int)j;
  for (size_t i = 1; i <= la; i++) {
    int diag = row[0];
    row[0] = (int)i;
    for (size_t j = 1; j <= lb; j++) {
      int up = row[j];
      int best = diag + (a[i - 1] != b[j - 1]);
      if (up + 1 < best)
        best = up + 1;
      if (row[j - 1] + 1 < best)
        best = row[j - 1] + 1;
      row[j] = best;
      diag = up;
    }
  }
  int d = row[lb];
  if (row != small)
    free(row);
  return d;
}

void cfg_suggest_consider(cfg_suggestion *s, const char *key, const char *cand) {
  size_t lk = strlen(key), lc = strlen(cand);
  if ((lk > lc ? lk - lc : lc - lk) <= 2) { /* else the distance is > 2 anyway */
    int d = cfg_edit_distance(key, cand);
    if (d < s->dist) {
      s->dist = d;
      s->closest = cand;
    }
  }
  if (!s->prefix && lk > 0 && lc > 0 && strncmp(key, cand, lk < lc ? lk : lc) == 0)
    s->prefix = cand;
}

const char *cfg_suggest_text(const cfg_suggestion *s, char *buf, size_t size) {
  const char *pick = s->dist <= 2 ? s->closest : s->prefix;
  if (!pick)
    return "";
  snprintf(buf, size, " (did you mean '%s'?)", pick);
  return buf;
}

/* ------------------------------------------------------------ binding */

typedef struct {
  const cfg_doc *doc;
  char *err;
  size_t errlen;
  char path[256]; /* dotted path of the key being bound */
  size_t plen;
  int partial; /* overlay: absent keys are never missing */
} bind_ctx;

static size_t path_push(bind_ctx *bc, const char *key, size_t index, int is_index) {
  size_t old = bc->plen;
  size_t room = sizeof bc->path - old;
  int k = is_index ? snprintf(bc->path + old, room, "[%zu]", index)
                   : snprintf(bc->path + old, room, "%s%s", old ? "." : "", key);
  size_t len = old + (k > 0 ? (size_t)k : 0);
  bc->plen = len < sizeof bc->path ? len : sizeof bc->path - 1;
  return old;
}

static void path_pop(bind_ctx *bc, size_t old) {
  bc->plen = old;
  bc->path[old] = '\0';
}

/* "FILE:L:C: key 'a.b': message" at the value of n. */
CFG_PRINTF(3, 4)
static int fail_key(bind_ctx *bc, const cfg_node *n, const char *fmt, ...) {
  char msg[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(msg, sizeof msg, fmt, ap);
  va_end(ap);
  return fail_at(bc->err, bc->errlen, n->file, n->line, n->col, "key '%s': %s", bc->path, msg);
}

static int schema_error(bind_ctx *bc, const char *what) {
  return fail_at(bc->err, bc->errlen, "schema", 0, 0, "field '%s': %s", bc->path, what);
}

/* Text of a plain scalar where a number or a boolean is expected, or NULL
 * with an error naming what was found. Quoted text is a string, not a number. */
static const char *plain_text(bind_ctx *bc, const cfg_node *n, const char *expected) {
  char buf[SHOWN_SIZE];
  if (n->kind != CFG_SCALAR)
    fail_key(bc, n, "expected %s, found %s", expected, kind_name(n));
  else if (n->quoted)
    fail_key(bc, n, "expected %s, found the quoted text \"%s\" (quotes make it a string)", expected,
             shown(n->value, buf));
  else if (n->value[0] == '\0')
    fail_key(bc, n, "expected %s, found an empty value", expected);
  else
    return n->value;
  return NULL;
}

/* nan, inf, infinity and YAML's .nan / .inf, any case and sign */
static int names_non_finite(const char *s) {
  if (*s == '+' || *s == '-')
    s++;
  if (*s == '.')
    s++;
  return strncasecmp(s, "nan", 3) == 0 || strncasecmp(s, "inf", 3) == 0;
}

static int read_real(bind_ctx *bc, const cfg_node *n, double *out) {
  char buf[SHOWN_SIZE];
  const char *s = plain_text(bc, n, "a number");
  if (!s)
    return -1;
  if (names_non_finite(s))
    return fail_key(bc, n, "'%s' is not a finite number", shown(s, buf));
  char *end;
  errno = 0;
  double v = strtod(s, &end);
  if (end == s || *end != '\0' || (unsigned char)*s <= ' ')
    return fail_key(bc, n, "expected a number, found '%s'", shown(s, buf));
  if (!isfinite(v))
    return fail_key(bc, n, "number %s is out of range (not finite)", shown(s, buf));
  *out = v;
  return 0;
}

static int read_int(bind_ctx *bc, const cfg_node *n, long *out) {
  char buf[SHOWN_SIZE];
  const char *s = plain_text(bc, n, "an integer");
  if (!s)
    return -1;
  const char *digits = s + (*s == '+' || *s == '-');
  if (*digits == '\0' || strspn(digits, "0123456789") != strlen(digits))
    return fail_key(bc, n, "expected an integer, found '%s'", shown(s, buf));
  errno = 0;
  long v = strtol(s, NULL, 10);
  if (errno == ERANGE)
    return fail_key(bc, n, "integer %s overflows (range %ld to %ld)", shown(s, buf), LONG_MIN,
                    LONG_MAX);
  *out = v;
  return 0;
}

static void put_double(char *base, size_t off, double v) { memcpy(base + off, &v, sizeof v); }
static void put_int(char *base, size_t off, int v) { memcpy(base + off, &v, sizeof v); }
static void put_size(char *base, size_t off, size_t v) { memcpy(base + off, &v, sizeof v); }
static double get_double(const char *base, size_t off) {
  double v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static int get_int(const char *base, size_t off) {
  int v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static long get_long(const char *base, size_t off) {
  long v;
  memcpy(&v, base + off, sizeof v);
  return v;
}
static size_t get_size(const char *base, size_t off) {
  size_t v;
  memcpy(&v, base + off, sizeof v);
  return v;
}

static size_t count_names(const char *const *names) {
  size_t n = 0;
  while (names[n])
    n++;
  return n;
}

static int bind_map(bind_ctx *bc, const cfg_field *schema, size_t nschema, const cfg_node *map,
                    char *base, int top);

static int bind_bool(bind_ctx *bc, const cfg_node *n, char *base, size_t off) {
  static const char *const yes[] = {"true", "yes", "on"}, *const no[] = {"false", "no", "off"};
  char buf[SHOWN_SIZE];
  const char *s = plain_text(bc, n, "true or false");
  if (!s)
    return -1;
  for (size_t i = 0; i < 3; i++) {
    if (strcasecmp(s, yes[i]) == 0) {
      put_int(base, off, 1);
      return 0;
    }
    if (strcasecmp(s, no[i]) == 0) {
      put_int(base, off, 0);
      return 0;
    }
  }
  return fail_key(bc, n, "expected true or false, found '%s'", shown(s, buf));
}

static int bind_enum(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[SHOWN_SIZE], hint[128], allowed[256];
  if (!f->names)
    return schema_error(bc, "enum without names");
  if (n->kind != CFG_SCALAR)
    return fail_key(bc, n, "expected one of the names, found %s", kind_name(n));
  cfg_suggestion sg = CFG_SUGGESTION_INIT;
  size_t pos = 0;
  allowed[0] = '\0';
  for (size_t i = 0; f->names[i]; i++) {
    if (strcmp(n->value, f->names[i]) == 0) {
      put_int(base, f->offset, (int)i);
      return 0;
    }
    cfg_suggest_consider(&sg, n->value, f->names[i]);
    if (pos < sizeof allowed) {
      int k = snprintf(allowed + pos, sizeof allowed - pos, "%s%s", i ? ", " : "", f->names[i]);
      pos += k > 0 ? (size_t)k : 0;
    }
  }
  return fail_key(bc, n, "unknown value '%s'; allowed: %s%s", shown(n->value, buf), allowed,
                  cfg_suggest_text(&sg, hint, sizeof hint));
}

static int bind_shares(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[SHOWN_SIZE], hint[128];
  if (!f->names)
    return schema_error(bc, "shares without names");
  if (n->kind != CFG_MAP)
    return fail_key(bc, n, "expected a mapping of name: share, found %s", kind_name(n));
  for (size_t i = 0; i < n->n; i++) {
    const cfg_node *item = n->items[i];
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    size_t j = 0;
    for (; f->names[j] && strcmp(f->names[j], item->key) != 0; j++)
      cfg_suggest_consider(&sg, item->key, f->names[j]);
    if (!f->names[j])
      return fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                     "unknown name '%s' in shares '%s'%s", shown(item->key, buf), bc->path,
                     cfg_suggest_text(&sg, hint, sizeof hint));
  }
  double sum = 0;
  for (size_t j = 0; f->names[j]; j++) {
    const cfg_node *v = cfg_get(n, f->names[j]);
    if (!v)
      return fail_at(bc->err, bc->errlen, n->file, n->line, n->col,
                     "missing share '%s' in '%s' (every name needs a share)", f->names[j],
                     bc->path);
    size_t old = path_push(bc, f->names[j], 0, 0);
    double share;
    int rc = read_real(bc, v, &share);
    if (rc == 0 && (share < 0 || share > 1))
      rc = fail_key(bc, v, "share %s is outside [0, 1]", shown(v->value, buf));
    path_pop(bc, old);
    if (rc)
      return rc;
    put_double(base, f->offset + j * sizeof(double), share);
    sum += share;
  }
  if (fabs(sum - 1) > CFG_SHARES_TOLERANCE)
    return fail_at(bc->err, bc->errlen, n->file, n->line, n->col,
                   "shares in '%s' sum to %.10g, not 1", bc->path, sum);
  return 0;
}

static int bind_curve(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[SHOWN_SIZE];
  if (n->kind != CFG_SEQ)
    return fail_key(bc, n, "expected a sequence of [x, y] points, found %s", kind_name(n));
  if (n->n > f->max_elems)
    return fail_key(bc, n, "curve has %zu points, at most %zu are allowed", n->n, f->max_elems);
  double prev_x = 0;
  for (size_t i = 0; i < n->n; i++) {
    const cfg_node *pt = n->items[i];
    size_t old = path_push(bc, NULL, i, 1);
    double x = 0, y = 0;
    int rc = 0;
    if (pt->kind != CFG_SEQ || pt->n != 2)
      rc = pt->kind == CFG_SEQ
               ? fail_key(bc, pt, "expected a point [x, y], found a sequence of %zu items", pt->n)
               : fail_key(bc, pt, "expected a point [x, y], found %s", kind_name(pt));
    if (rc == 0)
      rc = read_real(bc, pt->items[0], &x);
    if (rc == 0 && x < 0)
      rc = fail_key(bc, pt->items[0], "negative x %s", shown(pt->items[0]->value, buf));
    if (rc == 0 && i > 0 && !(x > prev_x))
      rc = fail_key(bc, pt->items[0], "x %s is not greater than the previous x %.10g",
                    shown(pt->items[0]->value, buf), prev_x);
    if (rc == 0)
      rc = read_real(bc, pt->items[1], &y);
    if (rc == 0 && f->min <= f->max && (y < f->min || y > f->max))
      rc = fail_key(bc, pt->items[1], "y %s is outside [%g, %g]", shown(pt->items[1]->value, buf),
                    f->min, f->max);
    path_pop(bc, old);
    if (rc)
      return rc;
    put_double(base, f->offset + (2 * i) * sizeof(double), x);
    put_double(base, f->offset + (2 * i + 1) * sizeof(double), y);
    prev_x = x;
  }
  put_size(base, f->count_offset, n->n);
  return 0;
}

/* Each element i is bound onto the caller's element i as it is: keys absent
 * from an element keep whatever the caller put there beforehand. */
static int bind_table(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  if (f->elem_size == 0 || !f->sub)
    return schema_error(bc, "table without element size or sub-schema");
  if (n->kind != CFG_SEQ)
    return fail_key(bc, n, "expected a sequence of mappings, found %s", kind_name(n));
  if (n->n > f->max_elems)
    return fail_key(bc, n, "table has %zu entries, at most %zu are allowed", n->n, f->max_elems);
  for (size_t i = 0; i < n->n; i++) {
    size_t old = path_push(bc, NULL, i, 1);
    int rc =
        n->items[i]->kind == CFG_MAP
            ? bind_map(bc, f->sub, f->nsub, n->items[i], base + f->offset + i * f->elem_size, 0)
            : fail_key(bc, n->items[i], "expected a mapping, found %s", kind_name(n->items[i]));
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  put_size(base, f->count_offset, n->n);
  return 0;
}

static int bind_field(bind_ctx *bc, const cfg_field *f, const cfg_node *n, char *base) {
  char buf[SHOWN_SIZE];
  double v = 0;
  long l = 0;
  switch (f->type) {
  case CFG_T_BOOL:
    return bind_bool(bc, n, base, f->offset);
  case CFG_T_INT:
    if (read_int(bc, n, &l))
      return -1;
    if (f->min <= f->max && ((double)l < f->min || (double)l > f->max))
      return fail_key(bc, n, "value %s is outside [%.15g, %.15g]", shown(n->value, buf), f->min,
                      f->max);
    memcpy(base + f->offset, &l, sizeof l);
    return 0;
  case CFG_T_REAL:
    if (read_real(bc, n, &v))
      return -1;
    if (f->min <= f->max && (v < f->min || v > f->max))
      return fail_key(bc, n, "value %s is outside [%g, %g]", shown(n->value, buf), f->min, f->max);
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_PROB:
    if (read_real(bc, n, &v))
      return -1;
    if (v < 0 || v > 1)
      return fail_key(bc, n, "probability %s is outside [0, 1]", shown(n->value, buf));
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_DURATION:
    if (read_real(bc, n, &v))
      return -1;
    if (v < 0)
      return fail_key(bc, n, "negative duration %s (days must be >= 0)", shown(n->value, buf));
    if (f->max > 0 && v > f->max)
      return fail_key(bc, n, "duration %s exceeds the maximum of %g days", shown(n->value, buf),
                      f->max);
    put_double(base, f->offset, v);
    return 0;
  case CFG_T_STRING: {
    if (f->elem_size == 0)
      return schema_error(bc, "string without buffer size");
    if (n->kind != CFG_SCALAR)
      return fail_key(bc, n, "expected text, found %s", kind_name(n));
    size_t len = strlen(n->value);
    if (len >= f->elem_size)
      return fail_key(bc, n, "text of %zu bytes is too long (at most %zu)", len, f->elem_size - 1);
    memcpy(base + f->offset, n->value, len + 1);
    return 0;
  }
  case CFG_T_ENUM:
    return bind_enum(bc, f, n, base);
  case CFG_T_SHARES:
    return bind_shares(bc, f, n, base);
  case CFG_T_CURVE:
    return bind_curve(bc, f, n, base);
  case CFG_T_SECTION:
    if (n->kind != CFG_MAP)
      return fail_key(bc, n, "expected a mapping, found %s", kind_name(n));
    return bind_map(bc, f->sub, f->nsub, n, base + f->offset, 0);
  case CFG_T_TABLE:
    return bind_table(bc, f, n, base);
  }
  return schema_error(bc, "unknown field type");
}

/* Position for "missing required key" errors: the enclosing mapping, or line 1
 * of the file asked for at the top level. */
static int fail_missing(bind_ctx *bc, const cfg_node *map, int top) {
  if (top)
    return fail_at(bc->err, bc->errlen, bc->doc->nfiles ? bc->doc->files[0] : "scenario", 1, 1,
                   "missing required key '%s'", bc->path);
  return fail_at(bc->err, bc->errlen, map->file, map->line, map->col, "missing required key '%s'",
                 bc->path);
}

/* A field absent from the tree keeps its default, unless it (or, for an
 * absent section, anything inside it) is required. */
static int check_absent(bind_ctx *bc, const cfg_field *f, const cfg_node *map, int top) {
  if (bc->partial)
    return 0;
  if (f->required)
    return fail_missing(bc, map, top);
  if (f->type != CFG_T_SECTION)
    return 0;
  for (size_t i = 0; i < f->nsub; i++) {
    size_t old = path_push(bc, f->sub[i].key, 0, 0);
    int rc = check_absent(bc, &f->sub[i], map, top);
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  return 0;
}

/* Without a close match, the suggestion lists the keys that are valid in
 * this mapping (as many as fit), so a user still sees what to write. */
static const char *suggest_keys(const cfg_field *schema, size_t nschema, char *buf,
                                size_t size) {
  size_t off = (size_t)snprintf(buf, size, " (valid keys here: ");
  for (size_t f = 0; f < nschema && off < size; f++) {
    const char *sep = f + 1 < nschema ? ", " : ")";
    size_t need = strlen(schema[f].key) + strlen(sep);
    if (off + need + 6 >= size) { /* keep room for ", ...)" */
      snprintf(buf + off, size - off, "...)");
      return buf;
    }
    off += (size_t)snprintf(buf + off, size - off, "%s%s", schema[f].key, sep);
  }
  return nschema ? buf : "";
}

static int bind_map(bind_ctx *bc, const cfg_field *schema, size_t nschema, const cfg_node *map,
                    char *base, int top) {
  char buf[SHOWN_SIZE], hint[400];
  for (size_t i = 0; i < map->n; i++) {
    const cfg_node *item = map->items[i];
    cfg_suggestion sg = CFG_SUGGESTION_INIT;
    size_t f = 0;
    for (; f < nschema && strcmp(schema[f].key, item->key) != 0; f++)
      cfg_suggest_consider(&sg, item->key, schema[f].key);
    if (f < nschema)
      continue;
    if (!*cfg_suggest_text(&sg, hint, sizeof hint))
      suggest_keys(schema, nschema, hint, sizeof hint);
    if (bc->plen == 0)
      return fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                     "unknown key '%s'%s", shown(item->key, buf), hint);
    return fail_at(bc->err, bc->errlen, item->file, item->key_line, item->key_col,
                   "unknown key '%s' in '%s'%s", shown(item->key, buf), bc->path, hint);
  }
  for (size_t f = 0; f < nschema; f++) {
    const cfg_node *v = cfg_get(map, schema[f].key);
    size_t old = path_push(bc, schema[f].key, 0, 0);
    int rc = v ? bind_field(bc, &schema[f], v, base) : check_absent(bc, &schema[f], map, top);
    path_pop(bc, old);
    if (rc)
      return rc;
  }
  return 0;
}

int cfg_bind(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out, char *err,
             size_t errlen) {
  if (!doc || !doc->root || doc->root->kind != CFG_MAP || (!schema && nschema) || !out)
    return fail_at(err, errlen, "cfg_bind", 0, 0, "invalid arguments (no loaded document?)");
  bind_ctx bc = {.doc = doc, .err = err, .errlen = errlen};
  return bind_map(&bc, schema, nschema, doc->root, out, 1);
}

int cfg_bind_overlay(const cfg_doc *doc, const cfg_field *schema, size_t nschema, void *out,
                     char *err, size_t errlen) {
  if (!doc || !doc->root || doc->root->kind != CFG_MAP || (!schema && nschema) || !out)
    return fail_at(err, errlen, "cfg_bind", 0, 0, "invalid arguments (no loaded document?)");
  bind_ctx bc = {.doc = doc, .err = err, .errlen = errlen, .partial = 1};
  return bind_map(&bc, schema, nschema, doc->root, out, 1);
}

/* ------------------------------------------------------------ JSON */

/* Output in the manner of snprintf: stores what fits (keeping room for the
 * terminating NUL) and counts everything. */
typedef struct {
  char *buf;
  size_t len;
  size_t pos;
} json_out;

static void jput(json_out *w, const char *s, size_t n) {
  if (w->len > 0 && w->pos < w->len - 1) {
    size_t room = w->len - 1 - w->pos;
    memcpy(w->buf + w->pos, s, n < room ? n : room);
  }
  w->pos += n;
}

static void jputs(json_out *w, const char *s) { jput(w, s, strlen(s)); }

static void jstring(json_out *w, const char *s, size_t max) {
  static const char hex[] = "0123456789abcdef";
  jputs(w, "\"");
  for (size_t i = 0; i < max && s[i]; i++) {
    unsigned char c = (unsigned char)s[i];
    char esc[7] = {'\\', 0, 0, 0, 0, 0, 0};
    if (c == '"' || c == '\\') {
      esc[1] = (char)c;
      jput(w, esc, 2);
    } else if (c == '\n') {
      jputs(w, "\\n");
    } else if (c == '\t') {
      jputs(w, "\\t");
    } else if (c == '\r') {
      jputs(w, "\\r");
    } else if (c < 0x20 || c == 0x7f) {
      memcpy(esc + 1, "u00", 3);
      esc[4] = hex[c >> 4];
      esc[5] = hex[c & 15];
      jput(w, esc, 6);
    } else {
      jput(w, (const char *)&c, 1);
    }
  }
  jputs(w, "\"");
}

/* The shortest %g form that reads back as the same double (at most 17
 * digits), without an exponent for integers below 1e17; null for NaN or
 * infinity, which JSON cannot represent. */
static void jdouble(json_out *w, double v) {
  char tmp[40];
  if (!isfinite(v)) {
    jputs(w, "null");
    return;
  }
  for (int prec = 1; prec <= 17; prec++) {
    snprintf(tmp, sizeof tmp, "%.*g", prec, v);
    if (strtod(tmp, NULL) == v)
      break;
  }
  /* %g turns 3650 at 3 digits into 3.65e+03; write such numbers in full */
  const char *e = strchr(tmp, 'e');
  if (e) {
    long exp10 = strtol(e + 1, NULL, 10);
    if (exp10 >= 0 && exp10 < 17)
      snprintf(tmp, sizeof tmp, "%.*g", (int)exp10 + 1, v);
  }
  jputs(w, tmp);
}

static int json_object(json_out *w, const cfg_field *schema, size_t nschema, const char *base) {
  char tmp[32];
  jputs(w, "{");
  for (size_t i = 0; i < nschema; i++) {
    const cfg_field *f = &schema[i];
    if (i)
      jputs(w, ",");
    jstring(w, f->key, SIZE_MAX);
    jputs(w, ":");
    switch (f->type) {
    case CFG_T_BOOL:
      jputs(w, get_int(base, f->offset) ? "true" : "false");
      break;
    case CFG_T_INT:
      snprintf(tmp, sizeof tmp, "%ld", get_long(base, f->offset));
      jputs(w, tmp);
      break;
    case CFG_T_REAL:
    case CFG_T_PROB:
    case CFG_T_DURATION:
      jdouble(w, get_double(base, f->offset));
      break;
    case CFG_T_STRING:
      jstring(w, base + f->offset, f->elem_size);
      break;
    case CFG_T_ENUM: {
      int v = get_int(base, f->offset);
      if (!f->names || v < 0 || (size_t)v >= count_names(f->names))
        return -1;
      jstring(w, f->names[v], SIZE_MAX);
      break;
    }
    case CFG_T_SHARES:
      if (!f->names)
        return -1;
      jputs(w, "{");
      for (size_t j = 0; f->names[j]; j++) {
        if (j)
          jputs(w, ",");
        jstring(w, f->names[j], SIZE_MAX);
        jputs(w, ":");
        jdouble(w, get_double(base, f->offset + j * sizeof(double)));
      }
      jputs(w, "}");
      break;
    case CFG_T_CURVE: {
      size_t n = get_size(base, f->count_offset);
      if (n > f->max_elems)
        return -1;
      jputs(w, "[");
      for (size_t j = 0; j < n; j++) {
        jputs(w, j ? ",[" : "[");
        jdouble(w, get_double(base, f->offset + 2 * j * sizeof(double)));
        jputs(w, ",");
        jdouble(w, get_double(base, f->offset + (2 * j + 1) * sizeof(double)));
        jputs(w, "]");
      }
      jputs(w, "]");
      break;
    }
    case CFG_T_SECTION:
      if (json_object(w, f->sub, f->nsub, base + f->offset))
        return -1;
      break;
    case CFG_T_TABLE: {
      size_t n = get_size(base, f->count_offset);
      if (n > f->max_elems)
        return -1;
      jputs(w, "[");
      for (size_t j = 0; j < n; j++) {
        if (j)
          jputs(w, ",");
        if (json_object(w, f->sub, f->nsub, base + f->offset + j * f->elem_size))
          return -1;
      }
      jputs(w, "]");
      break;
    }
    default:
      return -1;
    }
  }
  jputs(w, "}");
  return 0;
}

/* Compact JSON ({"key":value,...}, no spaces); reals in their shortest
 * round-trip form (see jdouble). */
long cfg_to_json(const cfg_field *schema, size_t nschema, const void *in, char *buf, size_t len) {
  if ((!schema && nschema) || !in || (!buf && len))
    return -1;
  json_out w = {buf, len, 0};
  int rc = json_object(&w, schema, nschema, in);
  if (len > 0)
    buf[w.pos < len ? w.pos : len - 1] = '\0';
  if (rc || w.pos > LONG_MAX)
    return -1;
  return (long)w.pos;
}
