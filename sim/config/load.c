/* load.c: scenario files -> position-tagged tree (config.h, first half).
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
 * This is the only file that includes libyaml. There is no global mutable
 * state.
 */
#include "sim/config.h"
#include "sim/config/internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include <yaml.h>

#define CFG_MAX_FILE_BYTES ((size_t)4 << 20) /* larger is not a scenario file */
#define CFG_MAX_DEPTH 64                     /* nesting levels of mappings/sequences */
#define CFG_MAX_EXTENDS 16                   /* `extends` links in one chain */

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

const cfg_node *cfg_find(const cfg_node *map, const char *dotted) {
  const cfg_node *n = map;
  while (n && dotted && *dotted) {
    size_t k = strcspn(dotted, ".");
    const cfg_node *next = NULL;
    for (size_t i = 0; n->kind == CFG_MAP && i < n->n && !next; i++)
      if (n->items[i]->key && strlen(n->items[i]->key) == k &&
          strncmp(n->items[i]->key, dotted, k) == 0)
        next = n->items[i];
    n = next;
    dotted += k + (dotted[k] == '.');
  }
  return n;
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

static int parse_fail(parse_ctx *pc, yaml_mark_t m, const char *fmt, ...) CFGI_PRINTF(3, 4);
static int parse_fail(parse_ctx *pc, yaml_mark_t m, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  cfgi_vfail_at(pc->err, pc->errlen, pc->file, (int)m.line + 1, (int)m.column + 1, fmt, ap);
  va_end(ap);
  return -1;
}

static int out_of_memory(parse_ctx *pc) {
  return cfgi_fail_at(pc->err, pc->errlen, pc->file, 0, 0, "out of memory");
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
      return cfgi_fail_at(pc->err, pc->errlen, pc->file, line, col, "%s (0x%02X)",
                          p->problem ? p->problem : "invalid input", (unsigned)p->problem_value);
    return cfgi_fail_at(pc->err, pc->errlen, pc->file, line, col, "%s",
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
  char buf[CFGI_SHOWN_SIZE];
  switch (ev->type) {
  case YAML_ALIAS_EVENT:
    return parse_fail(pc, ev->start_mark, "anchors and aliases are not supported (found '*%s')",
                      cfgi_shown((const char *)ev->data.alias.anchor, buf));
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
                      cfgi_shown((const char *)anchor, buf));
  if (tag)
    return parse_fail(pc, ev->start_mark, "tags are not supported (found '%s')",
                      cfgi_shown((const char *)tag, buf));
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
  char buf[CFGI_SHOWN_SIZE];
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
      parse_fail(pc, key_mark, "duplicate key '%s' (first at line %d)", cfgi_shown(key, buf),
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
  /* a UTF-8 byte-order mark (some editors write one) is not part of the
   * text; libyaml would take it for content of line 1 */
  if (len >= 3 && text[0] == 0xef && text[1] == 0xbb && text[2] == 0xbf) {
    text += 3;
    len -= 3;
  }
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
    cfgi_fail_at(err, errlen, file, 0, 0, "empty scenario file");
    goto done;
  }
  yaml_event_delete(&ev); /* document start */
  if (next_event(&pc, &ev))
    goto done;
  root = parse_node(&pc, &ev, 1);
  if (!root)
    goto done;
  if (root->kind == CFG_SCALAR && !root->quoted && root->value[0] == '\0') { /* a bare "---" */
    cfgi_fail_at(err, errlen, file, 0, 0, "empty scenario file");
    goto fail;
  }
  if (root->kind != CFG_MAP) {
    cfgi_fail_at(err, errlen, file, root->line, root->col,
                 "the top level must be a mapping of 'key: value' lines, found %s",
                 cfgi_kind_name(root));
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
  const char *const *search; /* folders a relative `extends` is looked up in after the
                                extending file's own */
  size_t nsearch;
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
  char buf[CFGI_SHOWN_SIZE];
  if (origin)
    return cfgi_fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col,
                        "cannot read extended file '%s': %s", cfgi_shown(path, buf), what);
  return cfgi_fail_at(lc->err, lc->errlen, path, 0, 0, "cannot read: %s", what);
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
      return cfgi_fail_at(lc->err, lc->errlen, path, 0, 0, "file is larger than 4 MiB");
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

/* The file an `extends: NAME` means: NAME in the extending file's folder (or,
 * for a memory buffer, the current directory) if it is there, else in the
 * first search folder that has it. An absolute NAME is taken as it is. When
 * no folder has it, the path in the extending file's folder (its load then
 * fails with that path), or NULL with a message listing where it was looked
 * for when there are search folders. */
static char *find_extended(load_ctx *lc, const char *resolve_from, const cfg_node *ext) {
  const char *name = ext->value;
  char *own = join_path(resolve_from, name);
  if (!own) {
    cfgi_fail_at(lc->err, lc->errlen, ext->file, 0, 0, "out of memory");
    return NULL;
  }
  if (name[0] == '/' || lc->nsearch == 0 || access(own, F_OK) == 0 || errno != ENOENT)
    return own;
  char where[1024];
  size_t pos = 0;
  where[0] = '\0';
  for (size_t i = 0; i < lc->nsearch; i++) {
    size_t dl = strlen(lc->search[i]);
    size_t clen = dl + 1 + strlen(name) + 1;
    char *cand = malloc(clen);
    if (!cand) {
      free(own);
      cfgi_fail_at(lc->err, lc->errlen, ext->file, 0, 0, "out of memory");
      return NULL;
    }
    snprintf(cand, clen, "%s%s%s", lc->search[i], dl && lc->search[i][dl - 1] == '/' ? "" : "/",
             name);
    if (access(cand, F_OK) == 0) {
      free(own);
      return cand;
    }
    free(cand);
    if (pos < sizeof where) { /* folders in full (the caller's, not the user's text) */
      int k = snprintf(where + pos, sizeof where - pos, "%s%s", i ? ", " : "", lc->search[i]);
      pos += k > 0 ? (size_t)k : 0;
    }
  }
  char shown[CFGI_SHOWN_SIZE];
  cfgi_fail_at(lc->err, lc->errlen, ext->file, ext->line, ext->col,
               "cannot read extended file '%s': not found in this file's folder, nor in %s",
               cfgi_shown(name, shown), where);
  free(own);
  return NULL;
}

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
    cfgi_fail_at(lc->err, lc->errlen, ext->file, ext->line, ext->col,
                 "'extends' must name a scenario file, found %s",
                 ext->kind == CFG_SCALAR ? "an empty value" : cfgi_kind_name(ext));
    goto done;
  }
  char *target = find_extended(lc, resolve_from, ext);
  if (!target)
    goto done;
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
    cfgi_fail_at(lc->err, lc->errlen, file, 0, 0, "out of memory");
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
/* What a file that is not a regular one is, for messages. */
static const char *file_kind(mode_t mode) {
  return S_ISDIR(mode)    ? "a directory"
         : S_ISFIFO(mode) ? "a FIFO"
         : S_ISCHR(mode)  ? "a character device"
         : S_ISBLK(mode)  ? "a block device"
         : S_ISSOCK(mode) ? "a socket"
                          : "not a regular file";
}

static cfg_node *load_file(load_ctx *lc, const char *path, const cfg_node *origin) {
  char buf[1024];
  /* A file named by `extends` must be a regular file: opened without
   * blocking (a FIFO would wait for a writer for ever), and refused if it is
   * anything else (a device, standard input, a directory). The file asked
   * for may be a pipe (bijsim validate <(...)). */
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | (origin ? O_NONBLOCK : 0));
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
  if (origin && !S_ISREG(st.st_mode)) {
    snprintf(buf, sizeof buf, "%s, not a regular file", file_kind(st.st_mode));
    load_fail(lc, origin, path, buf);
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
    cfgi_fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col, "extends cycle: %s",
                 buf);
    close(fd);
    return NULL;
  }
  if (lc->depth > CFG_MAX_EXTENDS) {
    cfgi_fail_at(lc->err, lc->errlen, origin->file, origin->line, origin->col,
                 "extends chain deeper than %d files", CFG_MAX_EXTENDS);
    close(fd);
    return NULL;
  }
  if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > CFG_MAX_FILE_BYTES) {
    close(fd);
    cfgi_fail_at(lc->err, lc->errlen, path, 0, 0, "file is larger than 4 MiB");
    return NULL;
  }
  unsigned char *text = NULL;
  size_t len = 0;
  int rc = read_all(lc, fd, path, origin, &text, &len);
  close(fd);
  if (rc)
    return NULL;
  /* /proc and /sys files are regular but have no size: what they give is
   * made up as they are read */
  if (origin && (uintmax_t)len > (uintmax_t)st.st_size) {
    free(text);
    load_fail(lc, origin, path, "its size changes while it is read (a /proc or /sys file?)");
    return NULL;
  }
  const char *name = doc_add_file(lc->doc, path);
  if (!name) {
    free(text);
    cfgi_fail_at(lc->err, lc->errlen, path, 0, 0, "out of memory");
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
  return cfg_load_search(path, NULL, 0, out, err, errlen);
}

int cfg_load_search(const char *path, const char *const *search, size_t nsearch, cfg_doc *out,
                    char *err, size_t errlen) {
  if (!out || !path || (!search && nsearch))
    return cfgi_fail_at(err, errlen, path ? path : "(null)", 0, 0, "invalid arguments to cfg_load");
  memset(out, 0, sizeof *out);
  cfg_doc doc = {0};
  load_ctx lc = {.doc = &doc, .err = err, .errlen = errlen, .search = search, .nsearch = nsearch};
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
    return cfgi_fail_at(err, errlen, name, 0, 0, "invalid arguments to cfg_load_string");
  memset(out, 0, sizeof *out);
  if (len > CFG_MAX_FILE_BYTES)
    return cfgi_fail_at(err, errlen, name, 0, 0, "file is larger than 4 MiB");
  cfg_doc doc = {0};
  load_ctx lc = {.doc = &doc, .err = err, .errlen = errlen};
  /* The name is recorded as files[0] so that nodes can point at it. */
  const char *file = doc_add_file(&doc, name);
  if (!file) {
    cfg_free(&doc);
    return cfgi_fail_at(err, errlen, name, 0, 0, "out of memory");
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
