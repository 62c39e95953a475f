# bash completion for bijsim (installed as
# PREFIX/share/bash-completion/completions/bijsim). The commands are read from
# 'bijsim --help' and each command's options from 'bijsim COMMAND --help', so
# the completion follows the binary it completes.
_bijsim() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local bin=${COMP_WORDS[0]}
  COMPREPLY=()
  if [ "$COMP_CWORD" -eq 1 ]; then
    local cmds
    cmds=$("$bin" --help 2>/dev/null |
      awk '/^commands:/ {c = 1; next} c && /^  [a-z]/ {print $1} c && /^$/ {exit}')
    mapfile -t COMPREPLY < <(compgen -W "$cmds --help --version" -- "$cur")
    return
  fi
  local cmd=${COMP_WORDS[1]}
  case $prev in
  --format) mapfile -t COMPREPLY < <(compgen -W "text json" -- "$cur"); return ;;
  --design) mapfile -t COMPREPLY < <(compgen -W "lhs sobol" -- "$cur"); return ;;
  --method) mapfile -t COMPREPLY < <(compgen -W "morris sobol" -- "$cur"); return ;;
  --out | --sample) compopt -o filenames 2>/dev/null; mapfile -t COMPREPLY < <(compgen -f -- "$cur"); return ;;
  --seed | --replications | --threads | --client | --replication | --sets | --param | --instrument | --indicator) return ;;
  esac
  if [[ $cur == -* ]]; then
    local opts
    opts=$("$bin" "$cmd" --help 2>/dev/null | grep -o -- '--[a-z][a-z-]*' | sort -u)
    mapfile -t COMPREPLY < <(compgen -W "$opts --help" -- "$cur")
  else
    # scenario files (and run.json files) and folders
    compopt -o filenames 2>/dev/null
    mapfile -t COMPREPLY < <(compgen -f -X '!*.@(yaml|yml|json)' -- "$cur"; compgen -d -- "$cur")
  fi
}
complete -F _bijsim bijsim
