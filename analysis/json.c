/* json.c: see json.h. A recursive-descent parser with a depth limit. Nodes
 * live in one array that grows by doubling; links and string offsets are
 * kept by index while parsing and turned into pointers at the end (the
 * arrays may move while they grow). */
#include "analysis/json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_DEPTH = 64 };

typedef struct parser {
  const char *s;
  size_t len, i;
  const char *name;
  char *err;
  size_t errlen;
  bs_json_doc *doc;
  /* per node, by index while the array may still move: links and the
   * offsets of the string value and member name in doc->text (NONE: absent) */
  size_t *child, *next, *stroff, *keyoff;
  size_t text_n;
} parser;

#define NONE ((size_t)-1)

static int fail(parser *p, const char *msg) {
  size_t line = 1, col = 1;
  for (size_t k = 0; k < p->i && k < p->len; k++) {
    if (p->s[k] == '\n') {
      line++;
      col = 1;
    } else
      col++;
  }
  snprintf(p->err, p->errlen, "%s:%zu:%zu: %s", p->name, line, col, msg);
  return -1;
}

static void skip_ws(parser *p) {
  while (p->i < p->len &&
         (p->s[p->i] == ' ' || p->s[p->i] == '\t' || p->s[p->i] == '\n' || p->s[p->i] == '\r'))
    p->i++;
}

static int new_node(parser *p, bs_json_type t, size_t *out) {
  bs_json_doc *d = p->doc;
  if (d->nnodes == d->cap) {
    size_t cap = d->cap ? d->cap * 2 : 64;
    bs_json *n = realloc(d->nodes, cap * sizeof *n);
    if (!n)
      return fail(p, "out of memory");
    d->nodes = n;
    size_t **arrs[4] = {&p->child, &p->next, &p->stroff, &p->keyoff};
    for (int a = 0; a < 4; a++) {
      size_t *x = realloc(*arrs[a], cap * sizeof *x);
      if (!x)
        return fail(p, "out of memory");
      *arrs[a] = x;
    }
    d->cap = cap;
  }
  size_t k = d->nnodes++;
  memset(&d->nodes[k], 0, sizeof d->nodes[k]);
  d->nodes[k].type = t;
  p->child[k] = p->next[k] = p->stroff[k] = p->keyoff[k] = NONE;
  *out = k;
  return 0;
}

/* Strings are unescaped into doc->text; an escape never produces more bytes
 * than it takes in the source, so twice the input length is always enough. */
static void put_utf8(parser *p, unsigned long cp) {
  char *o = p->doc->text + p->text_n;
  if (cp < 0x80) {
    o[0] = (char)cp;
    p->text_n += 1;
  } else if (cp < 0x800) {
    o[0] = (char)(0xC0 | (cp >> 6));
    o[1] = (char)(0x80 | (cp & 0x3F));
    p->text_n += 2;
  } else {
    o[0] = (char)(0xE0 | (cp >> 12));
    o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    o[2] = (char)(0x80 | (cp & 0x3F));
    p->text_n += 3;
  }
}

static int parse_string(parser *p, size_t *off) {
  p->i++; /* opening quote */
  *off = p->text_n;
  while (p->i < p->len && p->s[p->i] != '"') {
    unsigned char ch = (unsigned char)p->s[p->i];
    if (ch < 0x20)
      return fail(p, "control character in a string");
    if (ch != '\\') {
      p->doc->text[p->text_n++] = (char)ch;
      p->i++;
      continue;
    }
    if (++p->i >= p->len)
      break;
    char e = p->s[p->i++];
    const char *map = "\"\\/bfnrt", *to = "\"\\/\b\f\n\r\t";
    const char *m = strchr(map, e);
    if (e && m) {
      p->doc->text[p->text_n++] = to[m - map];
    } else if (e == 'u') {
      if (p->i + 4 > p->len)
        return fail(p, "short \\u escape");
      unsigned long cp = 0;
      for (int k = 0; k < 4; k++) {
        char h = p->s[p->i++];
        cp <<= 4;
        if (h >= '0' && h <= '9')
          cp |= (unsigned long)(h - '0');
        else if (h >= 'a' && h <= 'f')
          cp |= (unsigned long)(h - 'a' + 10);
        else if (h >= 'A' && h <= 'F')
          cp |= (unsigned long)(h - 'A' + 10);
        else
          return fail(p, "bad \\u escape");
      }
      put_utf8(p, cp); /* 3 bytes at most: never more than the 6-byte escape */
    } else {
      return fail(p, "bad escape in a string");
    }
  }
  if (p->i >= p->len)
    return fail(p, "unterminated string");
  p->i++;
  p->doc->text[p->text_n++] = 0;
  return 0;
}

static int parse_value(parser *p, size_t *out, int depth);

static int parse_container(parser *p, size_t *out, int depth, int is_obj) {
  size_t k;
  if (new_node(p, is_obj ? BS_JSON_OBJ : BS_JSON_ARR, &k) != 0)
    return -1;
  *out = k;
  p->i++;
  skip_ws(p);
  char close = is_obj ? '}' : ']';
  if (p->i < p->len && p->s[p->i] == close) {
    p->i++;
    return 0;
  }
  size_t last = NONE;
  for (;;) {
    skip_ws(p);
    size_t key_off = NONE;
    if (is_obj) {
      if (p->i >= p->len || p->s[p->i] != '"')
        return fail(p, "expected a member name");
      if (parse_string(p, &key_off) != 0)
        return -1;
      skip_ws(p);
      if (p->i >= p->len || p->s[p->i] != ':')
        return fail(p, "expected ':'");
      p->i++;
    }
    size_t v;
    if (parse_value(p, &v, depth + 1) != 0)
      return -1;
    p->keyoff[v] = key_off;
    if (last == NONE)
      p->child[k] = v;
    else
      p->next[last] = v;
    last = v;
    p->doc->nodes[k].n++;
    skip_ws(p);
    if (p->i < p->len && p->s[p->i] == ',') {
      p->i++;
      continue;
    }
    if (p->i < p->len && p->s[p->i] == close) {
      p->i++;
      return 0;
    }
    return fail(p, is_obj ? "expected ',' or '}'" : "expected ',' or ']'");
  }
}

static int literal(parser *p, const char *word) {
  size_t n = strlen(word);
  if (p->i + n > p->len || strncmp(p->s + p->i, word, n) != 0)
    return 0;
  p->i += n;
  return 1;
}

static int parse_value(parser *p, size_t *out, int depth) {
  if (depth > MAX_DEPTH)
    return fail(p, "nested too deeply");
  skip_ws(p);
  if (p->i >= p->len)
    return fail(p, "unexpected end of input");
  char ch = p->s[p->i];
  if (ch == '{' || ch == '[')
    return parse_container(p, out, depth, ch == '{');
  size_t k;
  if (ch == '"') {
    if (new_node(p, BS_JSON_STR, &k) != 0)
      return -1;
    size_t off;
    if (parse_string(p, &off) != 0)
      return -1;
    p->stroff[k] = off;
    *out = k;
    return 0;
  }
  if (literal(p, "true") || literal(p, "false") || literal(p, "null")) {
    char last = p->s[p->i - 1];
    if (new_node(p, last == 'l' ? BS_JSON_NULL : BS_JSON_BOOL, &k) != 0)
      return -1;
    p->doc->nodes[k].num = last == 'e' && p->s[p->i - 2] == 'u';
    *out = k;
    return 0;
  }
  if (ch == '-' || (ch >= '0' && ch <= '9')) {
    const char *start = p->s + p->i;
    char *end;
    double v = strtod(start, &end);
    if (end == start)
      return fail(p, "bad number");
    if (new_node(p, BS_JSON_NUM, &k) != 0)
      return -1;
    size_t n = (size_t)(end - start);
    size_t off = p->text_n;
    memcpy(p->doc->text + off, start, n);
    p->doc->text[off + n] = 0;
    p->text_n += n + 1;
    p->doc->nodes[k].num = v;
    p->stroff[k] = off;
    p->i += n;
    *out = k;
    return 0;
  }
  return fail(p, "unexpected character");
}

int bs_json_parse(const char *name, const char *text, size_t len, bs_json_doc *doc, char *err,
                  size_t errlen) {
  memset(doc, 0, sizeof *doc);
  parser p = {.s = text, .len = len, .name = name, .err = err, .errlen = errlen, .doc = doc};
  /* every string or number literal needs at most its source length plus a NUL,
   * and every source byte belongs to at most one literal */
  doc->text = malloc(len * 2 + 2);
  if (!doc->text) {
    snprintf(err, errlen, "%s: out of memory", name);
    return -1;
  }
  size_t root;
  int rc = parse_value(&p, &root, 0);
  if (rc == 0) {
    skip_ws(&p);
    if (p.i != p.len)
      rc = fail(&p, "trailing text after the document");
  }
  if (rc == 0) {
    for (size_t k = 0; k < doc->nnodes; k++) {
      bs_json *n = &doc->nodes[k];
      n->child = p.child[k] == NONE ? NULL : &doc->nodes[p.child[k]];
      n->next = p.next[k] == NONE ? NULL : &doc->nodes[p.next[k]];
      n->str = p.stroff[k] == NONE ? NULL : doc->text + p.stroff[k];
      n->key = p.keyoff[k] == NONE ? NULL : doc->text + p.keyoff[k];
    }
    doc->root = &doc->nodes[root];
  }
  free(p.child);
  free(p.next);
  free(p.stroff);
  free(p.keyoff);
  if (rc != 0)
    bs_json_free(doc);
  return rc;
}

void bs_json_free(bs_json_doc *doc) {
  free(doc->nodes);
  free(doc->text);
  memset(doc, 0, sizeof *doc);
}

const bs_json *bs_json_get(const bs_json *obj, const char *key) {
  if (!obj || obj->type != BS_JSON_OBJ)
    return NULL;
  for (const bs_json *c = obj->child; c; c = c->next)
    if (c->key && strcmp(c->key, key) == 0)
      return c;
  return NULL;
}

const bs_json *bs_json_path(const bs_json *obj, const char *path) {
  char seg[128];
  while (obj && *path) {
    const char *dot = strchr(path, '.');
    size_t n = dot ? (size_t)(dot - path) : strlen(path);
    if (n >= sizeof seg)
      return NULL;
    memcpy(seg, path, n);
    seg[n] = 0;
    obj = bs_json_get(obj, seg);
    path += n + (dot ? 1 : 0);
  }
  return obj;
}

const bs_json *bs_json_at(const bs_json *arr, size_t i) {
  if (!arr || arr->type != BS_JSON_ARR)
    return NULL;
  const bs_json *c = arr->child;
  while (c && i--)
    c = c->next;
  return c;
}

const char *bs_json_text(const bs_json *v, char *buf, size_t len) {
  if (!len)
    return buf;
  buf[0] = 0;
  if (!v)
    return buf;
  switch (v->type) {
  case BS_JSON_NULL:
    snprintf(buf, len, "null");
    break;
  case BS_JSON_BOOL:
    snprintf(buf, len, "%s", v->num ? "true" : "false");
    break;
  case BS_JSON_NUM:
  case BS_JSON_STR:
    snprintf(buf, len, "%s", v->str);
    break;
  case BS_JSON_ARR: {
    size_t off = 0;
    off += (size_t)snprintf(buf, len, "[");
    for (const bs_json *c = v->child; c && off < len; c = c->next) {
      char sub[256];
      bs_json_text(c, sub, sizeof sub);
      off += (size_t)snprintf(buf + off, len - off, "%s%s", c == v->child ? "" : ", ", sub);
    }
    if (off < len)
      snprintf(buf + off, len - off, "]");
    break;
  }
  case BS_JSON_OBJ:
    snprintf(buf, len, "{...}");
    break;
  }
  return buf;
}
