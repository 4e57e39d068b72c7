package quotes

// SetOnWait lets a test see when a Latest caller waits for a shared fetch.
func SetOnWait(s *Service, f func()) { s.onWait = f }
