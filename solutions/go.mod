module github.com/bitsandlogits/course/solutions

go 1.26
