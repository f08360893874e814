# fish completion for lwm2m-shell
# Generated from the option parser and the command set by
#   python -m lwm2m_shell.docgen
# Do not edit by hand. Enable it with:
#   lwm2m-shell --completions fish > ~/.config/fish/completions/lwm2m-shell.fish

function __lwm2m_shell_profiles
    command -q lwm2m-shell; and command lwm2m-shell --list-profiles 2>/dev/null
end

function __lwm2m_shell_commands
    printf '%s\t%s\n' 'help' 'list the commands, or show one in full (answered by lwm2m-shell)'
    printf '%s\t%s\n' 'migrateLwm2mDevices' 'migrate LWM2M devices to the device registration format of 10.15 and later'
    printf '%s\t%s\n' 'cleanupClusterTenantObjectsForEndpoint' 'remove the routing objects the cluster tenant keeps for an endpoint'
    printf '%s\t%s\n' 'invalidateRegistrationsForEndpoint' 'invalidate every LWM2M registration of an endpoint'
    printf '%s\t%s\n' 'invalidateRegistrationById' 'invalidate one LWM2M registration by its registration ID'
    printf '%s\t%s\n' '.help' 'the same as help'
    printf '%s\t%s\n' '.status' 'show an operation, waiting for its end if it still runs'
    printf '%s\t%s\n' '.history' 'list the connector device\'s latest shell commands from the tenant'
    printf '%s\t%s\n' '.bulk' 'list bulk device registrations with their status and result'
    printf '%s\t%s\n' '.context' 'show the tenant URL, tenant, user and connector device'
    printf '%s\t%s\n' '.send' 'send text to the agent verbatim, without checking it'
    printf '%s\t%s\n' '.refresh' 'reload the tenant\'s devices and endpoints for completion'
    printf '%s\t%s\n' '.devices' 'list the tenant\'s LWM2M devices known to completion'
    printf '%s\t%s\n' '.endpoints' 'list the tenant\'s LWM2M endpoints known to completion'
    printf '%s\t%s\n' '.use' 'point the shell at one LWM2M device; alone: back to the connector'
    printf '%s\t%s\n' '.exit' 'leave the shell (also exit, quit, Ctrl-D)'
    printf '%s\t%s\n' 'read' 'device: read an object, an instance or a resource of the device'
    printf '%s\t%s\n' 'cread' 'device: composite read: several paths in one request (LwM2M 1.1)'
    printf '%s\t%s\n' 'observe' 'device: start observing a path: the device reports changes'
    printf '%s\t%s\n' 'cobserve' 'device: composite observe: observe several paths together (LwM2M 1.1)'
    printf '%s\t%s\n' 'execute' 'device: execute a resource (reboot, factory reset, update, ...)'
    printf '%s\t%s\n' 'executelegacy' 'device: execute a resource, the parameters sent as plain text'
    printf '%s\t%s\n' 'write' 'device: write one value to a resource'
    printf '%s\t%s\n' 'cwrite' 'device: composite write: several resources in one request (LwM2M 1.1)'
    printf '%s\t%s\n' 'writeb' 'device: write binary data (hex, or a file uploaded to the tenant)'
    printf '%s\t%s\n' 'cancelobservation' 'device: cancel an observation (single or composite)'
    printf '%s\t%s\n' 'delete' 'device: delete an object instance (or a resource instance)'
    printf '%s\t%s\n' 'discover' 'device: list what an object, instance or resource offers, with its attributes'
    printf '%s\t%s\n' 'create' 'device: create an object instance, with optional initial values as JSON'
    printf '%s\t%s\n' 'writeattr' 'device: set notification attributes (pmin, pmax, gt, lt, st) of a path'
    printf '%s\t%s\n' 'fwupdate' 'device: update the device\'s firmware from a URL'
    printf '%s\t%s\n' 'serialization' 'device: choose the data format used with this device'
    printf '%s\t%s\n' 'coap' 'device: send a raw CoAP request (exceptional cases only)'
end

complete -c lwm2m-shell -f  # no positional arguments: never offer files
complete -c lwm2m-shell -s h -l help -d 'show this help message and exit'
complete -c lwm2m-shell -l version -d 'show program\'s version number and exit'
complete -c lwm2m-shell -l completions -x -a 'bash zsh fish' -d 'print the completion script for this shell and exit'
complete -c lwm2m-shell -l url -x -d 'tenant URL, e.g. example.cumulocity.com'
complete -c lwm2m-shell -l tenant -x -d 'tenant ID, e.g. t12345'
complete -c lwm2m-shell -l user -x -d 'user name, or "tenant/user"'
complete -c lwm2m-shell -l connector-id -x -d 'managed object ID of the connector device (default: found in the tenant)'
complete -c lwm2m-shell -l profile -x -a '(__lwm2m_shell_profiles)' -d 'use profile NAME of $XDG_CONFIG_HOME/lwm2m-shell/config.toml'
complete -c lwm2m-shell -l session -r -F -d 'read tenant and credentials from a go-c8y-cli session'
complete -c lwm2m-shell -l auth -x -a 'auto basic oauth token' -d 'how to log in (default: auto: OAuth when the tenant offers it, else Basic)'
complete -c lwm2m-shell -l demo -d 'run against a built-in simulated tenant'
complete -c lwm2m-shell -l demo-devices -x -d 'number of LWM2M devices of the simulated tenant (default: 50)'
complete -c lwm2m-shell -s c -l command -x -a '(__lwm2m_shell_commands)' -d 'run COMMAND and exit (repeatable: run in order)'
complete -c lwm2m-shell -s f -l file -r -F -d 'run the commands in FILE, one per line (\'-\': stdin)'
complete -c lwm2m-shell -l device -x -d 'point the shell at one LWM2M device (endpoint, managed object ID or name), as .use does; its device commands (read /3/0/9 ...) go there'
complete -c lwm2m-shell -s o -l output -x -a 'text json' -d 'text, or one JSON object per command (default: text)'
complete -c lwm2m-shell -l timeout -x -d 'give up waiting for an operation after SECONDS (exit code 4)'
complete -c lwm2m-shell -l request-timeout -x -d 'give up on one HTTP request after SECONDS (default: 30)'
complete -c lwm2m-shell -s y -l yes -d 'do not ask before tenant-wide commands'
complete -c lwm2m-shell -l insecure -d 'do not verify TLS certificates (warned each start)'
complete -c lwm2m-shell -l ca-bundle -r -F -d 'also trust the CAs in FILE (added to the default ones)'
complete -c lwm2m-shell -l allow-http -d 'allow credentials over plain http:// to a host other than this machine'
complete -c lwm2m-shell -l no-color -d 'no colours (also: NO_COLOR)'
complete -c lwm2m-shell -s v -l verbose -d 'log HTTP requests to stderr (no secrets)'
complete -c lwm2m-shell -l log-file -r -F -d 'write a log of HTTP requests (no secrets) to FILE (default: $XDG_STATE_HOME/lwm2m-shell/lwm2m-shell.log)'
