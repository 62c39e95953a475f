/* test_extends_path.c: where `extends:` finds its base (the CLI's search
 * path: the extending file's folder, then the shipped scenarios, then the
 * folders of BIJSIM_PATH), and the name of a variant that does not set
 * run.name (its file's stem, not its base's name):
 * - `extends: baseline.yaml` from a folder of the user's own (no
 *   baseline.yaml there) loads the shipped baseline;
 * - a base in the extending file's folder wins over the shipped one;
 * - a base found only through BIJSIM_PATH (several folders, empty entries);
 * - a base found nowhere: one line FILE:LINE:COL naming the folders looked
 *   in, exit 1, nothing written;
 * - errors inside a base found on the search path point into that base;
 * - run.json and the default output directory carry the stem name.
 * The loader's own search (cfg_load_search) is also checked directly. */
#include "models/params.h"
#include "sim/config.h"
#include "test_cli_util.h"

#include <criterion/criterion.h>
#include <jansson.h>

static void write_file(const char *dir, const char *name, const char *text) {
  char path[512];
  snprintf(path, sizeof path, "%s/%s", dir, name);
  FILE *f = fopen(path, "w");
  cr_assert_not_null(f, "%s", path);
  fputs(text, f);
  cr_assert_eq(fclose(f), 0);
}

static char *json_name(const char *dir) {
  char path[512];
  snprintf(path, sizeof path, "%s/run.json", dir);
  json_error_t e;
  json_t *doc = json_load_file(path, 0, &e);
  cr_assert(doc, "%s:%d: %s", path, e.line, e.text);
  const json_t *sc = json_array_get(json_object_get(doc, "scenarios"), 0);
  char *name = strdup(json_string_value(json_object_get(sc, "scenario")));
  json_decref(doc);
  return name;
}

Test(extends_path, user_folder_extends_the_shipped_baseline, .timeout = 60) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  write_file(dir, "more_staff.yaml",
             "extends: baseline.yaml\ncase_management:\n  consultants_fte: 40\n"
             "run: {horizon_days: 731, warmup_days: 0}\n");
  char *out = NULL, *err = NULL;
  snprintf(args, sizeof args, "validate %s/more_staff.yaml", dir);
  cr_assert_eq(run_bijsim(args, &out, &err), 0, "%s", err);
  /* named after its file, not 'baseline' */
  cr_assert(strstr(out, "ok (scenario 'more_staff')"), "%s", out);
  free(out);
  free(err);
  /* run without --out: out/more_staff under the current directory */
  char cmd[1024];
  snprintf(cmd, sizeof cmd, "cd '%s' && '%s' run more_staff.yaml -q", dir, BIJSIM_BINARY);
  cr_assert_eq(system(cmd), 0, "%s", cmd);
  char outdir[256];
  snprintf(outdir, sizeof outdir, "%s/out/more_staff", dir);
  char *name = json_name(outdir);
  cr_assert_str_eq(name, "more_staff");
  free(name);
  tmpdir_remove(dir);
}

Test(extends_path, own_folder_comes_first) {
  char dir[64], args[512];
  tmpdir_make(dir, sizeof dir);
  /* a baseline.yaml of the user's own, itself extending the shipped one */
  char text[1024];
  snprintf(text, sizeof text,
           "extends: %s/scenarios/baseline.yaml\nrun: {name: local}\n"
           "inflow: {initial_stock: 1234}\n",
           BIJSIM_SOURCE_DIR);
  write_file(dir, "baseline.yaml", text);
  write_file(dir, "v.yaml", "extends: baseline.yaml\n");
  char *out = NULL;
  snprintf(args, sizeof args, "validate %s/v.yaml", dir);
  cr_assert_eq(run_bijsim(args, &out, NULL), 0);
  cr_assert(strstr(out, "(scenario 'v')"), "%s", out);
  free(out);
  /* the loader: the local file is read, not the shipped one */
  static bs_params p;
  char err[1024], path[256];
  snprintf(path, sizeof path, "%s/v.yaml", dir);
  const char *shipped[] = {BIJSIM_SOURCE_DIR "/scenarios"};
  bs_files files;
  cr_assert_eq(bs_params_load_search(path, shipped, 1, &p, &files, err, sizeof err), 0, "%s", err);
  cr_assert_eq(p.inflow.initial_stock, 1234);
  cr_assert_str_eq(p.run.name, "v");
  cr_assert_eq(files.n, 3, "v.yaml, the local baseline, the shipped baseline");
  cr_assert_str_eq(files.path[0], path);
  bs_files_free(&files);
  tmpdir_remove(dir);
}

Test(extends_path, bijsim_path_folders) {
  char dir[64], lib_a[128], lib_b[128], args[512];
  tmpdir_make(dir, sizeof dir);
  snprintf(lib_a, sizeof lib_a, "%s/a", dir);
  snprintf(lib_b, sizeof lib_b, "%s/b", dir);
  cr_assert_eq(mkdir(lib_a, 0700), 0);
  cr_assert_eq(mkdir(lib_b, 0700), 0);
  write_file(lib_b, "municipality.yaml",
             "extends: baseline.yaml\nrun: {name: municipality}\ninflow: {initial_stock: 777}\n");
  write_file(dir, "policy.yaml", "extends: municipality.yaml\n");
  char env[512];
  snprintf(env, sizeof env, "::%s:%s", lib_a, lib_b); /* empty entries are skipped */
  cr_assert_eq(setenv("BIJSIM_PATH", env, 1), 0);
  char *out = NULL, *err = NULL;
  snprintf(args, sizeof args, "validate %s/policy.yaml", dir);
  cr_assert_eq(run_bijsim(args, &out, &err), 0, "%s", err);
  cr_assert(strstr(out, "(scenario 'policy')"), "%s", out);
  free(out);
  free(err);
  /* an error inside the base found on the path points into that base */
  write_file(lib_b, "municipality.yaml",
             "extends: baseline.yaml\nrun: {name: municipality}\ninflow: {p_reinflow: 2}\n");
  err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 1);
  char want[512];
  snprintf(want, sizeof want, "%s/municipality.yaml:3:22: key 'inflow.p_reinflow': probability",
           lib_b);
  cr_assert(strstr(err, want), "%s", err);
  free(err);
  cr_assert_eq(unsetenv("BIJSIM_PATH"), 0);
  /* without BIJSIM_PATH the base is nowhere */
  err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 1);
  snprintf(want, sizeof want,
           "%s/policy.yaml:1:10: cannot read extended file 'municipality.yaml': not found in "
           "this file's folder, nor in ",
           dir);
  cr_assert(strstr(err, want), "%s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  free(err);
  tmpdir_remove(dir);
}

Test(extends_path, not_found_anywhere_writes_nothing) {
  char dir[64], args[512], outdir[256];
  tmpdir_make(dir, sizeof dir);
  write_file(dir, "x.yaml", "# a variant\nrun: {horizon_days: 800}\nextends: nothere.yaml\n");
  snprintf(outdir, sizeof outdir, "%s/out", dir);
  cr_assert_eq(setenv("BIJSIM_PATH", "/nonexistent_bijsim_dir", 1), 0);
  snprintf(args, sizeof args, "run %s/x.yaml --out %s -q", dir, outdir);
  char *err = NULL;
  cr_assert_eq(run_bijsim(args, NULL, &err), 1);
  cr_assert_eq(unsetenv("BIJSIM_PATH"), 0);
  char want[512];
  snprintf(want, sizeof want, "%s/x.yaml:3:10: cannot read extended file 'nothere.yaml'", dir);
  cr_assert(strstr(err, want), "%s", err);
  cr_assert(strstr(err, BIJSIM_SOURCE_DIR "/scenarios, /nonexistent_bijsim_dir"),
            "the folders looked in, in order: %s", err);
  cr_assert_eq(count_lines(err), 1, "%s", err);
  cr_assert_eq(dir_entries(outdir), -1, "nothing written");
  free(err);
  tmpdir_remove(dir);
}

/* The loader alone: no search folders is the old behaviour (the path next to
 * the file, and the system's message); an absolute extends is never searched. */
Test(extends_path, loader_search) {
  char dir[64], sub[128], path[256], err[1024];
  tmpdir_make(dir, sizeof dir);
  snprintf(sub, sizeof sub, "%s/lib", dir);
  cr_assert_eq(mkdir(sub, 0700), 0);
  write_file(sub, "base.yaml", "a: 1\nb: 2\n");
  write_file(dir, "top.yaml", "extends: base.yaml\nb: 3\n");
  snprintf(path, sizeof path, "%s/top.yaml", dir);
  cfg_doc d;
  cr_assert_eq(cfg_load(path, &d, err, sizeof err), -1);
  cr_assert(strstr(err, "No such file or directory"), "%s", err);
  const char *dirs[] = {"/nonexistent_bijsim_dir", sub};
  cr_assert_eq(cfg_load_search(path, dirs, 2, &d, err, sizeof err), 0, "%s", err);
  cr_assert_str_eq(cfg_get(d.root, "a")->value, "1");
  cr_assert_str_eq(cfg_get(d.root, "b")->value, "3");
  cr_assert_eq(d.nfiles, 2);
  cfg_free(&d);
  write_file(dir, "abs.yaml", "extends: /nonexistent_bijsim_dir/base.yaml\n");
  snprintf(path, sizeof path, "%s/abs.yaml", dir);
  cr_assert_eq(cfg_load_search(path, dirs, 2, &d, err, sizeof err), -1);
  cr_assert(strstr(err, ":1:10: cannot read extended file '/nonexistent_bijsim_dir/base.yaml': "
                        "No such file or directory"),
            "%s", err);
  tmpdir_remove(dir);
}
