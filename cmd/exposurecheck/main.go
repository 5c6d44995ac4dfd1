package main

import (
	"fmt"
	"os"
	"exposurecheck/store"
)

func main() {
	_, err := store.Load(os.DirFS(os.Args[1]), store.LoadOptions{Notices: "../shared/notices", Name: os.Args[1]+"/"})
	fmt.Println(err)
}
