#!/usr/bin/env bash
# Makes sure a MariaDB server answers on 127.0.0.1:3306 with the test user the test suite
# expects (TEST_MYSQL_URL, default mysql://ai_test:ai_test@127.0.0.1:3306/ai_test).
# Works on a fresh Debian machine (installs the server) and on one where MariaDB already runs.
set -euo pipefail

log() { printf '[mariadb] %s\n' "$*"; }

server_answers() { mariadb-admin --protocol=tcp -h 127.0.0.1 -P 3306 ping >/dev/null 2>&1 || mariadb-admin ping >/dev/null 2>&1; }

if ! command -v mariadbd >/dev/null 2>&1 && ! command -v mysqld >/dev/null 2>&1; then
  log "installing mariadb-server"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq mariadb-server mariadb-client >/dev/null
fi

if ! server_answers; then
  log "starting the server on 127.0.0.1:3306"
  mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld
  if [ ! -d /var/lib/mysql/mysql ]; then
    mariadb-install-db --user=mysql --datadir=/var/lib/mysql >/dev/null
  fi
  nohup mysqld_safe --user=mysql --bind-address=127.0.0.1 --port=3306 \
    --innodb-flush-log-at-trx-commit=1 --max-connections=500 >/tmp/mariadb-test-server.log 2>&1 &
  for _ in $(seq 1 60); do server_answers && break; sleep 1; done
  server_answers || { log "the server did not start; see /tmp/mariadb-test-server.log"; exit 1; }
fi

# Each test fixture creates and drops its own database named ai_test_<random>.
log "ensuring the test user"
mariadb -uroot <<'SQL'
CREATE USER IF NOT EXISTS 'ai_test'@'localhost' IDENTIFIED BY 'ai_test';
CREATE USER IF NOT EXISTS 'ai_test'@'127.0.0.1' IDENTIFIED BY 'ai_test';
GRANT ALL PRIVILEGES ON `ai\_test%`.* TO 'ai_test'@'localhost';
GRANT ALL PRIVILEGES ON `ai\_test%`.* TO 'ai_test'@'127.0.0.1';
CREATE DATABASE IF NOT EXISTS ai_test;
FLUSH PRIVILEGES;
SQL
# A server that was already running may have the default limit (151); the suite runs service
# instances, child processes and pools side by side.
mariadb -uroot -e 'SET GLOBAL max_connections = GREATEST(@@global.max_connections, 1000)'

log "ready: mysql://ai_test:ai_test@127.0.0.1:3306/ai_test"
