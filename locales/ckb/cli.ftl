# The command line's messages in Sorani; the same ids and variables as
# ../en/cli.ftl (tests/i18n.rs checks). clap's --help stays English.
