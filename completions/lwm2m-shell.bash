# bash completion for lwm2m-shell
# Generated from the option parser and the command set by
#   python -m lwm2m_shell.docgen
# Do not edit by hand. Enable it in ~/.bashrc with:
#   eval "$(lwm2m-shell --completions bash)"

_lwm2m_shell_options=(--help -h --version --completions --url --tenant --user --connector-id --profile --session --auth --demo --demo-devices --command -c --file -f --device --output -o --timeout --request-timeout --yes -y --insecure --ca-bundle --allow-http --no-color --verbose -v --log-file)
_lwm2m_shell_commands=(help migrateLwm2mDevices cleanupClusterTenantObjectsForEndpoint invalidateRegistrationsForEndpoint invalidateRegistrationById .help .status .history .bulk .context .send .refresh .devices .endpoints .use .exit read cread observe cobserve execute executelegacy write cwrite writeb cancelobservation delete discover create writeattr fwupdate serialization coap)

# Add to COMPREPLY each word ($3...) that starts with $2, prefixed with $1.
_lwm2m_shell_add() {
    local pre=$1 cur=$2 word
    shift 2
    for word in "$@"; do
        if [[ $word == "$cur"* ]]; then
            COMPREPLY+=("$pre$(printf '%q' "$word")")
        fi
    done
}

_lwm2m_shell_files() {
    local pre=$1 path
    while IFS= read -r path; do
        COMPREPLY+=("$pre$path")
    done < <(compgen -f -- "$2")
    compopt -o filenames 2>/dev/null
}

# Command names after -c. Inside an opened quote a single match is offered twice, once with a
# space after it: readline then inserts it without closing the quote, so arguments can follow.
_lwm2m_shell_command_names() {
    local pre=$1 cur=$2 quoted=''
    if [[ $cur == [\"\']* ]]; then quoted=1; cur=${cur:1}; fi
    [[ $cur == *' '* ]] && return 0
    _lwm2m_shell_add "$pre" "$cur" "${_lwm2m_shell_commands[@]}"
    if [[ -n $quoted && ${#COMPREPLY[@]} -eq 1 ]]; then
        COMPREPLY+=("${COMPREPLY[0]} ")
    fi
}

_lwm2m_shell_profiles() {
    local name names=()
    while IFS= read -r name; do
        names+=("$name")
    done < <(command lwm2m-shell --list-profiles 2>/dev/null)
    _lwm2m_shell_add "$1" "$2" "${names[@]}"
}

_lwm2m_shell() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev='' pre=''
    if (( COMP_CWORD > 0 )); then prev=${COMP_WORDS[COMP_CWORD-1]}; fi
    # "--option=value": bash splits it at "=" (COMP_WORDBREAKS), or keeps one word.
    if [[ $cur == = ]]; then
        cur=''
    elif [[ $prev == = ]] && (( COMP_CWORD > 1 )); then
        prev=${COMP_WORDS[COMP_CWORD-2]}
    elif [[ $cur == --*=* ]]; then
        prev=${cur%%=*}
        pre=$prev=
        cur=${cur#*=}
    fi
    COMPREPLY=()
    case $prev in
        --completions) _lwm2m_shell_add "$pre" "$cur" bash zsh fish; return 0 ;;
        --profile) _lwm2m_shell_profiles "$pre" "$cur"; return 0 ;;
        --session) _lwm2m_shell_files "$pre" "$cur"; return 0 ;;
        --auth) _lwm2m_shell_add "$pre" "$cur" auto basic oauth token; return 0 ;;
        -c|--command) _lwm2m_shell_command_names "$pre" "$cur"; return 0 ;;
        -f|--file) _lwm2m_shell_files "$pre" "$cur"; return 0 ;;
        -o|--output) _lwm2m_shell_add "$pre" "$cur" text json; return 0 ;;
        --ca-bundle) _lwm2m_shell_files "$pre" "$cur"; return 0 ;;
        --log-file) if [[ $cur != -* ]]; then _lwm2m_shell_files "$pre" "$cur"; return 0; fi ;;
        --url|--tenant|--user|--connector-id|--demo-devices|--device|--timeout|--request-timeout) return 0 ;;
    esac
    if [[ -z $cur || $cur == -* ]]; then
        _lwm2m_shell_add '' "$cur" "${_lwm2m_shell_options[@]}"
    fi
    return 0
}

complete -F _lwm2m_shell lwm2m-shell
