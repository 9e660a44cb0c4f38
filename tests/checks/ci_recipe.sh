#!/usr/bin/env bash
# ci_recipe.sh RELMAP SOURCE_DIR SCRATCH_DIR
# The CI recipes of docs/ci.md run as documented:
# 1. docs/ci.md holds docs/ci/github-workflow.yml and docs/ci/gitlab-ci.yml
#    verbatim, and both parse as YAML (when python3-yaml is there);
# 2. the shell between "# relmap-commands-begin" and "# relmap-commands-end"
#    in each recipe, run in a scratch repository whose accounts/ holds the
#    samples (which have error gaps), renders a map per account, writes a
#    JUnit report per file that validates against tests/data/junit/junit.xsd
#    and the Markdown report, emits the annotations, and exits 1;
# 3. with accounts that have warnings but no error gap it exits 0, and with
#    a file that is not relmap XML it exits 65, having still done the rest.
set -u
relmap=$1 src=$2 scratch=$3
rm -rf "$scratch"; mkdir -p "$scratch"; cd "$scratch" || exit 2
fail() { echo "FAIL: $*"; exit 1; }
xsd=$src/tests/data/junit/junit.xsd

# relmap on PATH, as the recipes put it there.
mkdir bin && ln -s "$(realpath "$relmap")" bin/relmap
export PATH="$PWD/bin:$PATH"

# 1. docs/ci.md embeds the files verbatim: each file's text is the body of
#    a fenced block in the doc.
for f in github-workflow.yml gitlab-ci.yml; do
  python3 - "$src/docs/ci.md" "$src/docs/ci/$f" <<'PY' || fail "docs/ci.md does not hold docs/ci/$f verbatim"
import sys
doc = open(sys.argv[1], encoding="utf-8").read()
body = open(sys.argv[2], encoding="utf-8").read()
sys.exit(0 if "```yaml\n" + body + "```\n" in doc else 1)
PY
done
if python3 -c 'import yaml' 2>/dev/null; then
  python3 - "$src/docs/ci/github-workflow.yml" "$src/docs/ci/gitlab-ci.yml" <<'PY' || fail "YAML"
import sys, yaml
gh = yaml.safe_load(open(sys.argv[1]))
# YAML 1.1 reads the key `on` as true; GitHub reads it as "on".
assert "jobs" in gh and ("on" in gh or True in gh), "github: no jobs/on"
steps = gh["jobs"]["maps"]["steps"]
assert any("relmap-commands-begin" in s.get("run", "") for s in steps)
gl = yaml.safe_load(open(sys.argv[2]))
job = gl["relmap"]
assert any("relmap-commands-begin" in s for s in job["script"])
assert job["artifacts"]["reports"]["junit"] == "reports/*.junit.xml"
assert job["artifacts"]["when"] == "always"
PY
else
  echo "note: python3-yaml missing, YAML not parsed"
fi

# The marked commands of a recipe, dedented.
commands() {
  python3 - "$1" <<'PY'
import sys, textwrap
lines = open(sys.argv[1], encoding="utf-8").read().split("\n")
begin = [i for i, l in enumerate(lines) if l.strip() == "# relmap-commands-begin"]
end = [i for i, l in enumerate(lines) if l.strip() == "# relmap-commands-end"]
assert len(begin) == 1 and len(end) == 1 and begin[0] < end[0], "markers"
print(textwrap.dedent("\n".join(lines[begin[0] + 1:end[0]])))
PY
}

# run RECIPE DIR: run the recipe's commands in DIR (a repository with
# accounts/); the exit code is theirs.
run() {
  (cd "$2" && bash -e ../"$1".sh >stdout.txt 2>stderr.txt)
}

for recipe in github-workflow gitlab-ci; do
  commands "$src/docs/ci/$recipe.yml" >"$recipe.sh" || fail "$recipe: no marked commands"
  grep -q 'relmap render' "$recipe.sh" && grep -q 'relmap check' "$recipe.sh" ||
    fail "$recipe: commands lack render or check"

  # 2. the samples: error gaps, so exit 1, everything still produced.
  repo=$recipe-samples
  mkdir -p "$repo/accounts"; cp "$src"/samples/*.xml "$repo/accounts/"
  code=0; run "$recipe" "$repo" || code=$?
  [ "$code" = 1 ] || fail "$recipe on the samples: exit $code, want 1: $(cat "$repo/stderr.txt")"
  for f in "$src"/samples/*.xml; do
    n=$(basename "$f" .xml)
    for id in $(grep -o '<account id="[^"]*"' "$f" | cut -d'"' -f2); do
      [ -s "$repo/maps/$n/$id.svg" ] || fail "$recipe: no map maps/$n/$id.svg"
      xmllint --noout "$repo/maps/$n/$id.svg" || fail "$recipe: maps/$n/$id.svg is not XML"
    done
    j=$repo/reports/$n.junit.xml
    [ -s "$j" ] || fail "$recipe: no $j"
    xmllint --noout --nonet --schema "$xsd" "$j" 2>err.txt ||
      fail "$recipe: $j does not validate: $(cat err.txt)"
    grep -q '<failure' "$j" || fail "$recipe: $j has no failure for the error gaps"
    grep -qx "# relmap check: accounts/$n.xml" "$repo/reports/report.md" ||
      fail "$recipe: report.md lacks the section of $n"
  done
  grep -q '^| Account | Coverage score | Errors | Warnings |$' "$repo/reports/report.md" ||
    fail "$recipe: report.md has no summary table"
  case $recipe in
    github-workflow)
      grep -q '^::error file=accounts/[a-z]*\.xml,line=[0-9]*,col=[0-9]*,title=uncovered-decision-maker::' \
        "$repo/stdout.txt" || fail "$recipe: no error annotation: $(head -3 "$repo/stdout.txt")" ;;
    gitlab-ci)
      grep -q '^accounts/[a-z]*\.xml:[0-9]*:[0-9]*: error: uncovered-decision-maker' \
        "$repo/stdout.txt" || fail "$recipe: no error line in the log: $(head -3 "$repo/stdout.txt")" ;;
  esac

  # 3a. warnings only: exit 0, reports still written.
  repo=$recipe-warnings
  mkdir -p "$repo/accounts"
  cp "$src/tests/data/load/valid-minimal.xml" "$repo/accounts/minimal.xml"
  "$relmap" check "$repo/accounts/minimal.xml" --fail-on warning >/dev/null 2>&1 &&
    fail "fixture: valid-minimal.xml was meant to have warnings"
  code=0; run "$recipe" "$repo" || code=$?
  [ "$code" = 0 ] || fail "$recipe with warnings only: exit $code, want 0: $(cat "$repo/stderr.txt")"
  xmllint --noout --nonet --schema "$xsd" "$repo/reports/minimal.junit.xml" 2>err.txt ||
    fail "$recipe: minimal.junit.xml does not validate: $(cat err.txt)"
  [ -s "$repo/reports/report.md" ] || fail "$recipe: no report.md with warnings only"

  # 3b. a broken file: exit 65, and the good file is still drawn.
  repo=$recipe-broken
  mkdir -p "$repo/accounts"
  cp "$src/tests/data/load/valid-minimal.xml" "$repo/accounts/b-minimal.xml"
  cp "$src/tests/data/load/truncated.xml" "$repo/accounts/a-truncated.xml"
  code=0; run "$recipe" "$repo" || code=$?
  [ "$code" = 65 ] || fail "$recipe with a broken file: exit $code, want 65"
  [ -n "$(ls "$repo/maps/b-minimal" 2>/dev/null)" ] ||
    fail "$recipe: the good file was not drawn after the broken one"
done
echo "ok"
