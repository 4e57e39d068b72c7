package forms

// LineError is a bad line of an imported file (Line 0: the file as a
// whole); import pages list them with partials/import_problems.
type LineError struct {
	Line int
	Msg  string
}
