module github.com/bitsandlogits/course/exercises

go 1.26
