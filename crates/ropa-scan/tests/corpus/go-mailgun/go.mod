module example.com/notifier

go 1.22

require (
	github.com/mailgun/mailgun-go/v4 v4.12.0
	example.com/internal/smsgateway v1.3.0
	golang.org/x/net v0.25.0 // indirect
)
