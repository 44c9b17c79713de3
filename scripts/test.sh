#!/usr/bin/env bash
# The test command, on a fresh machine as in CI: installs MariaDB (and Debian's chromium for the
# browser tests) when missing, starts MariaDB when it does not answer on 127.0.0.1:3306 (root, empty
# password), then runs `mvn -B verify` with any arguments given (e.g. -Pbenchmark).
set -euo pipefail
cd "$(dirname "$0")/.."

mariadb_answers() {
  mariadb --protocol=TCP -h127.0.0.1 -P3306 -uroot -e 'SELECT 1' >/dev/null 2>&1
}

if ! command -v mariadbd >/dev/null 2>&1 && [ ! -x /usr/sbin/mariadbd ]; then
  echo "MariaDB is not installed: installing mariadb-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server mariadb-client >/dev/null
fi

if ! mariadb_answers; then
  echo "Starting MariaDB"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld 2>/dev/null || true
  start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql
  for _ in $(seq 1 60); do
    mariadb -uroot -e 'SELECT 1' >/dev/null 2>&1 && break
    sleep 1
  done
  if ! mariadb_answers; then
    # after a fresh install root may log in only through the socket: let JDBC in over TCP too
    mariadb -uroot -e "ALTER USER root@localhost IDENTIFIED VIA mysql_native_password USING PASSWORD('') OR unix_socket; FLUSH PRIVILEGES;"
  fi
fi

for _ in $(seq 1 60); do
  mariadb_answers && break
  sleep 1
done
mariadb_answers || { echo "MariaDB does not answer on 127.0.0.1:3306" >&2; exit 1; }
mariadb --protocol=TCP -h127.0.0.1 -uroot -e 'CREATE DATABASE IF NOT EXISTS test' >/dev/null
# the tests start several module instances at once, each with its own pool; the package's 151 is short
mariadb --protocol=TCP -h127.0.0.1 -uroot -e 'SET GLOBAL max_connections = GREATEST(@@max_connections, 500)' >/dev/null

# browser tests drive Debian's chromium through its chromedriver
if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  echo "Installing chromium and chromium-driver for the browser tests"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
fi

mvn -B verify "$@"
