#!/usr/bin/env bash
# What loading a profile's identities costs PostgreSQL when the profile has many (a shared login, a kiosk):
# every identity, as the event pipeline loaded them until 2026-12-07, against the 20 most recent of each kind, as
# it loads them now (ProfileStore.lockAndLoad). Runs against the database of a running `./tailor up`: adds N
# anonymous identities to one stored profile, prints PostgreSQL's execution time of each query (5 runs each), and
# removes what it added.
#
# Usage: bench/profile-identities.sh [N=5000]
set -euo pipefail

n=${1:-5000}
export PGPASSWORD=${PGPASSWORD:-postgres}
psql_profile=(psql -h localhost -p "${TAILOR_PG_PORT:-15432}" -U postgres -d profile -At -v ON_ERROR_STOP=1)

profile=$("${psql_profile[@]}" -c "SELECT id FROM profile ORDER BY id LIMIT 1")
if [[ -z "$profile" ]]; then
  echo "No stored profile: start the platform with its demo data first (./tailor up)." >&2
  exit 1
fi
cleanup() {
  "${psql_profile[@]}" -c "DELETE FROM profile_identity WHERE value LIKE 'bench-identity-%'" > /dev/null
}
trap cleanup EXIT

"${psql_profile[@]}" -c "INSERT INTO profile_identity (kind, value, profile_id, linked_at)
  SELECT 'anonymous', 'bench-identity-' || g, '$profile', now() - g * interval '1 minute'
  FROM generate_series(1, $n) AS g" > /dev/null
"${psql_profile[@]}" -c "ANALYZE profile_identity" > /dev/null
total=$("${psql_profile[@]}" -c "SELECT count(*) FROM profile_identity WHERE profile_id = '$profile'")

every="SELECT profile_id, kind, value FROM profile_identity WHERE profile_id = ANY(ARRAY['$profile'])
  ORDER BY linked_at DESC"
recent="SELECT p.id AS profile_id, i.kind, i.value FROM unnest(ARRAY['$profile']::varchar[]) AS p(id)
  CROSS JOIN (VALUES ('customer'), ('email'), ('anonymous')) AS k(kind)
  CROSS JOIN LATERAL (SELECT kind, value, linked_at FROM profile_identity
    WHERE profile_id = p.id AND kind = k.kind ORDER BY linked_at DESC LIMIT 20) AS i
  ORDER BY i.linked_at DESC"

measure() {
  local name=$1 sql=$2 rows times=()
  rows=$("${psql_profile[@]}" -c "SELECT count(*) FROM ($sql) AS q")
  for _ in 1 2 3 4 5; do
    times+=("$("${psql_profile[@]}" -c "EXPLAIN (ANALYZE) $sql" | sed -n 's/^Execution Time: \(.*\) ms$/\1/p')")
  done
  printf '%-28s %6s rows   execution ms: %s\n' "$name" "$rows" "${times[*]}"
}

echo "profile $profile with $total identities ($n added), PostgreSQL on localhost:${TAILOR_PG_PORT:-15432}"
measure "every identity (before)" "$every"
measure "20 most recent per kind" "$recent"
