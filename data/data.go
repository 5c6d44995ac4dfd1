// Package data embeds the curated incident files and the advice per data class,
// so the server runs on them with no other setup.
package data

import "embed"

// FS holds incidents/*.yaml (one file per incident) and advice.yaml.
//
//go:embed incidents/*.yaml advice.yaml
var FS embed.FS
