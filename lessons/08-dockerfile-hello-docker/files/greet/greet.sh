#!/bin/bash
# Greets whoever runs it, and says where and as whom it runs.
echo "${GREETING:-Hello}, ${NAME:-world}!"
echo "I run in $(pwd) as $(whoami), version ${APP_VERSION:-unknown}."
