#!/bin/bash
# The message of the day, said by a cow, and who shows it, where.
/usr/games/cowsay "$(cat message.txt)"
echo "Team ${TEAM:-unknown}, version ${APP_VERSION:-unknown}"
echo "Running in $(pwd) as $(whoami)"
