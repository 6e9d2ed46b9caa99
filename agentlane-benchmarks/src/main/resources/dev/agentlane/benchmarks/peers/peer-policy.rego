# The benchmark policy (PeerPolicy in agentlane-benchmarks, rules R1-R10 in its javadoc) in Rego v1.
#
# Input: a PeerRequest as JSON, field names as in the record:
#   {"principal", "lane", "tool", "mapped", "capabilities", "readPaths", "writePaths", "hosts",
#    "evidence": {"testsRun", "testsFailed", "filesTouched", "filesTouchedStated", "assumptionsStated",
#                 "confidence", "rollbackPlan", ...}}
# Data: data.peerpolicy, the tables written from PeerPolicy by OpaWasmPeer.dataDocument(): capability
# lanes, the secret and protected globs as one regular expression each, hosts, thresholds.
#
# Compile to WebAssembly with OPA 1.x, then put the module where OpaWasmPeer looks for it:
#   opa build -t wasm -e agentlane/peers/allow -o bundle.tar.gz peer-policy.rego
#   tar -xzf bundle.tar.gz /policy.wasm
#   mv policy.wasm peer-policy.wasm
package agentlane.peers

t := data.peerpolicy

default allow := false

allow if {
	input.mapped == true # R1

	# R2: a capability the table does not know has no lane, so the comparison is undefined and fails.
	every c in input.capabilities {
		t.lanes[c] <= input.lane
	}

	not touches_secret # R3
	not writes_protected # R4

	every p in input.readPaths { # R5
		inside_or_allowed_outside(p)
	}
	every p in input.writePaths {
		inside_or_allowed_outside(p)
	}

	every h in input.hosts { # R6
		host_allowed(h)
	}

	governed_evidence # R7
	staging_evidence # R8
	not needs_approval # R9
	not reaches_lane(t.production) # R10
}

touches_secret if {
	some p in input.readPaths
	regex.match(t.secret_regex, p)
}

touches_secret if {
	some p in input.writePaths
	regex.match(t.secret_regex, p)
}

writes_protected if {
	some p in input.writePaths
	regex.match(t.protected_regex, p)
}

inside_or_allowed_outside(p) if not startswith(p, "/")

inside_or_allowed_outside(p) if startswith(p, "/tmp/")

inside_or_allowed_outside(p) if p == "/dev/null"

host_allowed(h) if h in t.exact_hosts

host_allowed(h) if {
	# "*.github.com" is the suffix ".github.com": strict subdomains only.
	some suffix in t.host_suffixes
	endswith(h, suffix)
	count(h) > count(suffix)
}

reaches_lane(n) if {
	some c in input.capabilities
	t.lanes[c] >= n
}

governed_evidence if not reaches_lane(t.governed)

governed_evidence if {
	e := input.evidence
	e.testsRun == true
	e.filesTouchedStated == true
	e.assumptionsStated == true
	e.confidence >= 0
	e.testsFailed <= 0
	e.filesTouched <= t.max_files
	e.confidence >= t.min_confidence
}

staging_evidence if not reaches_lane(t.staging)

staging_evidence if input.evidence.rollbackPlan == true

needs_approval if {
	some c in input.capabilities
	c in t.approval
}
