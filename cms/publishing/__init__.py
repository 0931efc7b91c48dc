"""Publishing: scheduled go-live and expiry, embargoes, periodic jobs and the editorial calendar."""
