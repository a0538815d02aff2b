# The command line's messages in English (hewal's summaries and reports on
# stderr); clap's --help stays English. Sorani twin: ../ckb/cli.ftl.
